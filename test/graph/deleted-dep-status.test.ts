// A raw input (no stage makes it, no .pipe file tracks it) deleted since the run pipeline.lock
// records is a state of the workspace, not a configuration error: `pipe status` and `repro --dry`
// report its stage blocked, naming the dep, its line and what to do, and every other stage as
// usual (exit 0, -q 1); `pipe repro` fails that stage (exit 1) as DVC does, skipping the stages
// after it, and `-k` runs those that do not need it. A missing dep that no run recorded (a typo,
// a stage never run) is still a configuration error at its line (exit 2).
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  a:
    cmd: ${counted('a', 'cat raw.csv > a.txt')}
    deps: [raw.csv]
    outs: [a.txt]
  b:
    cmd: ${counted('b', 'cat other.csv > b.txt')}
    deps: [other.csv]
    outs: [b.txt]
  c:
    cmd: ${counted('c', 'cat a.txt > c.txt')}
    deps: [a.txt]
    outs: [c.txt]
`;

const blockedA =
  "a: blocked: dep 'raw.csv' is missing (pipeline.lock records it from the stage's last run, and no stage produces it): put it back, or take it out of the stage's deps (pipeline.yaml:4:12)\n";

test('a deleted raw input blocks its stage; the others are reported and run', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'raw.csv': 'r\n', 'other.csv': 'o\n' });
  expect((await rig.run('repro')).code).toBe(0);
  rig.remove('raw.csv');
  rig.write({ 'other.csv': 'o2\n' });

  const status = await rig.run('status');
  const lines = `${blockedA}b: would run (dep 'other.csv' changed)\nc: blocked: upstream stage 'a' is blocked\n1 would run, 2 blocked.\n`;
  expect([status.code, status.stdout, status.stderr]).toEqual([0, lines, '']);
  expect((await rig.run('status', '-q')).code).toBe(1);
  const dry = await rig.run('repro', '--dry');
  expect([dry.code, dry.stdout]).toEqual([0, lines]);

  // repro fails the stage (exit 1) and stops, as after any failed stage
  const repro = await rig.run('repro');
  expect(repro.code).toBe(1);
  expect(repro.stderr).toContain(blockedA.replace('a: blocked:', 'a: failed:'));
  expect(repro.stdout).toContain("c: skipped (upstream stage 'a' failed)\n");
  expect([rig.count('a'), rig.count('b'), rig.count('c')]).toEqual([1, 1, 1]);
  // -k runs what does not need it
  const keep = await rig.run('repro', '-k');
  expect(keep.code).toBe(1);
  expect(keep.stdout).toContain('1 ran, 1 failed, 1 skipped.\n');
  expect([rig.count('a'), rig.count('b'), rig.count('c')]).toEqual([1, 2, 1]);

  // put back: the stage is up to date again (its content did not change)
  rig.write({ 'raw.csv': 'r\n' });
  const after = await rig.run('status');
  expect([after.code, after.stdout]).toEqual([0, 'Everything is up to date.\n']);
});

test('a missing dep no run recorded is still a configuration error (exit 2)', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'other.csv': 'o\n' });
  const r = await rig.run('status');
  expect([r.code, r.stdout]).toEqual([2, '']);
  expect(r.stderr.split('\n')[0]).toBe("error: pipeline.yaml:4:12: dep 'raw.csv' of stage 'a' does not exist and no stage produces it");
});
