// `pipe repro --dry` where a stage's dep is data `pipe add` tracks and the workspace lacks it (a
// fresh clone before `pipe pull`): it says what a repro would do, as `pipe status` does, the stage
// and those after it blocked with what restores the data, exit 0; nothing runs. A plain repro
// refuses it (exit 2), and a missing dep that no .pipe file tracks stays an error for --dry too.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { TRACKED_DEP_PIPELINE } from './helpers.js';

const pipeline = TRACKED_DEP_PIPELINE;

test('repro --dry reports the stage blocked on missing tracked data, exit 0, and runs nothing', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'data/raw.txt': 'raw\n' });
  expect((await rig.run('add', 'data/raw.txt')).code).toBe(0);
  expect((await rig.run('repro')).code).toBe(0);
  rig.remove('data/raw.txt');
  rig.remove('z.txt');

  const dry = await rig.run('repro', '--dry');
  expect([dry.code, dry.stderr]).toEqual([0, '']);
  expect(dry.stdout).toBe(
    "x: blocked: dep 'data/raw.txt' is tracked data missing from the workspace (data/raw.txt.pipe tracks it): `pipe checkout data/raw.txt` restores it (`pipe pull` first where the cache lacks it)\n" +
      "y: blocked: upstream stage 'x' is blocked\n" +
      "z: would be restored from cache (out 'z.txt' missing)\n" +
      '1 would be restored, 2 blocked.\n',
  );
  const json = await rig.run('repro', '--dry', '--json');
  const last = JSON.parse(json.stdout.trim().split('\n').at(-1) ?? '') as { exitCode: number; stages: { name: string; outcome: string }[] };
  expect([json.code, last.exitCode, last.stages.map((s) => [s.name, s.outcome])]).toEqual([0, 0, [['x', 'blocked'], ['y', 'blocked'], ['z', 'would-restore']]]);
  expect(rig.exists('z.txt')).toBe(false);
  expect([rig.count('x'), rig.count('y'), rig.count('z')]).toEqual([1, 1, 1]);

  // the repro itself still refuses before running anything
  const repro = await rig.run('repro');
  expect([repro.code, repro.stdout]).toEqual([2, '']);
  expect([rig.count('x'), rig.count('y'), rig.count('z')]).toEqual([1, 1, 1]);
});

test('repro --dry with a missing dep that no .pipe file tracks is an error, exit 2', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('repro', '--dry');
  expect([r.code, r.stdout]).toEqual([2, '']);
  expect(r.stderr.split('\n')[0]).toBe("error: pipeline.yaml:4:12: dep 'data/raw.txt' of stage 'x' does not exist and no stage produces it");
});
