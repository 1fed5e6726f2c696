// `pipe commit [stage...] [--force]`: records a stage's current inputs and outputs in
// pipeline.lock without running it; without --force it only lists what differs.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  a:
    cmd: ${JSON.stringify(counted('a', 'sh make-a.sh'))}
    deps: [make-a.sh]
    outs: [a.txt]
  b:
    cmd: ${JSON.stringify(counted('b', 'cat a.txt > b.txt'))}
    deps: [a.txt]
    outs: [b.txt]
`;
const files = { 'pipeline.yaml': pipeline, 'make-a.sh': 'echo a > a.txt\n' };

test('a change that cannot affect the outputs: listed without --force, recorded with it, then nothing reruns', async () => {
  const rig = makeRig(files);
  await rig.run('repro');
  rig.write({ 'make-a.sh': '# writes a.txt\necho a > a.txt\n' });
  const lockBefore = rig.read('pipeline.lock');

  const dry = await rig.run('commit');
  expect(dry.code).toBe(1);
  expect(dry.stdout).toBe('b: up to date\n0 stages committed.\n');
  expect(dry.stderr).toBe(
    "a: differs from pipeline.lock (dep 'make-a.sh' changed)\n" +
      'Nothing was written for the stages above that differ from pipeline.lock. If the change cannot affect their outputs, `pipe commit --force` records it; otherwise run `pipe repro`.\n',
  );
  expect(rig.read('pipeline.lock')).toBe(lockBefore);

  const forced = await rig.run('commit', '--force');
  expect(forced.code).toBe(0);
  expect(forced.stdout).toBe("a: committed (dep 'make-a.sh' changed)\nb: up to date\n1 stage committed.\n");
  expect(forced.stderr).toBe('');
  expect(rig.read('pipeline.lock')).not.toBe(lockBefore);

  const status = await rig.run('status');
  expect(status.stdout).toBe('Everything is up to date.\n');
  await rig.run('repro');
  expect([rig.count('a'), rig.count('b')]).toEqual([1, 1]);
});

test('a named stage only; outputs made by hand become restorable from the cache', async () => {
  const rig = makeRig(files);
  rig.write({ 'a.txt': 'a\n' });
  const r = await rig.run('commit', '-f', 'a');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('a: committed (never ran)\n1 stage committed.\n');
  expect(rig.read('pipeline.lock')).not.toContain('b.txt');
  rig.remove('a.txt');
  const repro = await rig.run('repro');
  expect(repro.code).toBe(0);
  expect(rig.read('b.txt')).toBe('a\n');
  expect([rig.count('a'), rig.count('b')]).toEqual([0, 1]);
});

test('a missing output: nothing to record, exit 1', async () => {
  const rig = makeRig(files);
  await rig.run('repro');
  rig.write({ 'make-a.sh': '# writes a.txt\necho a > a.txt\n' });
  rig.remove('b.txt');
  const lockBefore = rig.read('pipeline.lock');
  const r = await rig.run('commit', '--force');
  expect(r.code).toBe(1);
  expect(r.stdout).toBe("a: committed (dep 'make-a.sh' changed)\n1 stage committed.\n");
  expect(r.stderr).toBe("b: cannot commit: 'b.txt' missing (run `pipe repro` or `pipe checkout`)\n");
  expect(rig.read('pipeline.lock')).not.toBe(lockBefore);
  const status = await rig.run('status');
  expect(status.stdout).toBe("b: would be restored from cache (out 'b.txt' missing)\n1 would be restored, 1 up to date.\n");
});

test('an unknown stage is a usage error', async () => {
  const rig = makeRig(files);
  const r = await rig.run('commit', 'nope');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("'nope'");
});
