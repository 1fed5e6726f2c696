// `pipe status` where a stage's dep is data `pipe add` tracks and the workspace lacks it (a fresh
// clone before `pipe pull`): not a configuration error. The data is reported missing, the stage and
// those after it blocked, the others as usual; exit 0 (as for anything that would run), 1 with -q.
// A dep that is missing and not tracked stays an error (exit 2).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { TRACKED_DEP_PIPELINE } from './helpers.js';

const pipeline = TRACKED_DEP_PIPELINE;

const blockedX = "x: blocked: dep 'data/raw.txt' is tracked data missing from the workspace (data/raw.txt.pipe tracks it): `pipe checkout data/raw.txt` restores it (`pipe pull` first where the cache lacks it)\n";

test('status reports the tracked data missing and its stage blocked, exit 0 (-q: 1)', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'data/raw.txt': 'raw\n' });
  expect((await rig.run('add', 'data/raw.txt')).code).toBe(0);
  expect((await rig.run('repro')).code).toBe(0);
  rig.remove('data/raw.txt');
  rig.remove('z.txt');

  const r = await rig.run('status');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toBe(
    'data/raw.txt: missing (tracked by data/raw.txt.pipe): `pipe checkout data/raw.txt` restores it (`pipe pull` first where the cache lacks it)\n' +
      blockedX +
      "y: blocked: upstream stage 'x' is blocked\n" +
      'z: would be restored from cache (out \'z.txt\' missing)\n' +
      '1 tracked path changed, 1 would be restored, 2 blocked.\n',
  );
  const quiet = await rig.run('status', '-q');
  expect([quiet.code, quiet.stdout, quiet.stderr]).toEqual([1, '', '']);
  // a stage named: its line carries what restores the data
  const one = await rig.run('status', 'x');
  expect([one.code, one.stdout, one.stderr]).toEqual([0, `${blockedX}1 blocked.\n`, '']);
  const json = JSON.parse((await rig.run('status', '--json')).stdout) as { failures: unknown[]; stages: { name: string; outcome: string }[] };
  expect([json.failures, json.stages.map((s) => [s.name, s.outcome])]).toEqual([[], [['x', 'blocked'], ['y', 'blocked'], ['z', 'would-restore']]]);

  // repro stops before running anything, naming the data and what brings it back (exit 2)
  const repro = await rig.run('repro');
  expect([repro.code, repro.stdout]).toEqual([2, '']);
  expect(repro.stderr.split('\n')[0]).toBe(
    "error: pipeline.yaml:4:12: stage 'x' cannot run: dep 'data/raw.txt' is tracked data missing from the workspace (data/raw.txt.pipe tracks it): `pipe checkout data/raw.txt` restores it (`pipe pull` first where the cache lacks it)",
  );
  expect([rig.count('x'), rig.count('y'), rig.count('z')]).toEqual([1, 1, 1]);

  // once checked out, nothing is blocked
  expect((await rig.run('checkout', 'data/raw.txt')).code).toBe(0);
  const after = await rig.run('status');
  expect([after.code, after.stdout]).toEqual([0, "z: would be restored from cache (out 'z.txt' missing)\n1 would be restored, 2 up to date.\n"]);
});

test('a missing dep that no .pipe file tracks is still an error, exit 2', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('status');
  expect([r.code, r.stdout]).toEqual([2, '']);
  expect(r.stderr.split('\n')[0]).toBe("error: pipeline.yaml:4:12: dep 'data/raw.txt' of stage 'x' does not exist and no stage produces it");
});
