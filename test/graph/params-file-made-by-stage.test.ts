// A params file that another stage makes is an edge of the graph, as in DVC (params are deps):
// its maker runs first, a missing one is accepted as a missing dep a stage makes is, and the
// reader is decided, run and recorded with the values the maker wrote, in one repro.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = (k: number): string => `stages:
  use:
    cmd: ${JSON.stringify(counted('use', 'cat gen.yaml > used.txt'))}
    params: [{gen.yaml: [k]}]
    outs: [used.txt]
  gen:
    cmd: ${JSON.stringify(counted('gen', `echo 'k: ${k}' > gen.yaml`))}
    outs: [gen.yaml]
`;

test('a params file no run made yet: the maker runs first, the reader records its values', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline(5) });
  const dag = await rig.run('dag');
  expect([dag.code, dag.stdout]).toEqual([0, '* gen\n* use <- gen\n']);
  const status = await rig.run('status');
  expect([status.code, status.stdout]).toEqual([0, "gen: would run (never ran)\nuse: would run (upstream stage 'gen' will run, never ran)\n2 would run.\n"]);

  const repro = await rig.run('repro');
  expect(repro.code).toBe(0);
  expect(repro.stdout).toContain('gen: ran');
  expect(repro.stdout.indexOf('gen: running')).toBeLessThan(repro.stdout.indexOf('use: running'));
  expect(rig.read('used.txt')).toBe('k: 5\n');
  expect(rig.read('pipeline.lock')).toContain('    params:\n      gen.yaml:\n        k: 5\n');
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
});

test('a stale params file: one repro runs the maker, then the reader on the new value', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline(5), 'gen.yaml': 'k: 1\n' });
  const repro = await rig.run('repro');
  expect(repro.code).toBe(0);
  // the stale copy no run recorded is moved aside, not lost (unrecorded-outs.ts): nothing else is said
  expect(repro.stderr).toMatch(/^warning: gen: 'gen\.yaml' held 1 file neither pipeline\.lock nor the cache records \(gen\.yaml\): moved to \.pipe\/kept\/[^\n]*\n$/);
  expect(rig.read('used.txt')).toBe('k: 5\n');
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  expect([rig.count('gen'), rig.count('use')]).toEqual([1, 1]);

  rig.write({ 'pipeline.yaml': pipeline(6) });
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('used.txt')).toBe('k: 6\n');
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  expect([rig.count('gen'), rig.count('use')]).toEqual([2, 2]);

  // deleted: status foresees the restore's values, and the reader stays up to date
  rig.remove('gen.yaml');
  const gone = await rig.run('status');
  expect([gone.code, gone.stdout]).toEqual([0, "gen: would be restored from cache (out 'gen.yaml' missing)\n1 would be restored, 1 up to date.\n"]);
  expect((await rig.run('repro')).code).toBe(0);
  expect([rig.count('gen'), rig.count('use')]).toEqual([2, 2]);
});

test('a params file in the stage\'s own output is a cycle; one no stage makes is still an error', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  s:\n    cmd: echo\n    params: [{conf/p.yaml: [a]}]\n    outs: [conf]\n',
    'conf/p.yaml': 'a: 1\n',
  });
  const cycle = await rig.run('status');
  expect([cycle.code, cycle.stderr.split('\n')[0]]).toEqual([2, "error: pipeline.yaml:4:14: cycle: stage 's' reads params from its own output 'conf'"]);
  rig.write({ 'pipeline.yaml': 'stages:\n  s:\n    cmd: echo\n    params: [{other.yaml: [a]}]\n    outs: [o.txt]\n' });
  const missing = await rig.run('status');
  expect([missing.code, missing.stderr.split('\n')[0]]).toEqual([2, "error: pipeline.yaml:4:28: params file 'other.yaml' (param 'a' listed by stage 's') does not exist"]);
});
