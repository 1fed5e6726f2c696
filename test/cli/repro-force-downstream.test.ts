// `pipe repro --force-downstream` (DVC's): the stages after one that ran or was restored run too,
// even where their own inputs did not change (an upstream output rewritten byte for byte the same).
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const q = JSON.stringify;
// a writes the same bytes whatever in.txt holds: b and c would stay up to date after it runs
const pipeline = `stages:
  a:
    cmd: ${q(counted('a', 'echo same > a.txt'))}
    deps: [in.txt]
    outs: [a.txt]
  b:
    cmd: ${q(counted('b', 'cat a.txt > b.txt'))}
    deps: [a.txt]
    outs: [b.txt]
  c:
    cmd: ${q(counted('c', 'cat b.txt > c.txt'))}
    deps: [b.txt]
    outs: [c.txt]
  lone:
    cmd: ${q(counted('lone', 'echo l > l.txt'))}
    outs: [l.txt]
`;

test('without it the stages after an unchanged output stay; with it they run, each said forced', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'in.txt': '1\n' });
  await rig.run('repro');
  rig.write({ 'in.txt': '2\n' });
  const plain = await rig.run('repro');
  expect(plain.code).toBe(0);
  expect([rig.count('a'), rig.count('b'), rig.count('c'), rig.count('lone')]).toEqual([2, 1, 1, 1]);
  rig.write({ 'in.txt': '3\n' });
  const forced = await rig.run('repro', '--force-downstream');
  expect(forced.code).toBe(0);
  expect([rig.count('a'), rig.count('b'), rig.count('c'), rig.count('lone')]).toEqual([3, 2, 2, 1]);
  expect(forced.stdout).toMatch(/^a: running \(dep 'in\.txt' changed\)\na: ran \(\d+\.\ds\)\nb: running \(forced: after stage 'a' \(--force-downstream\)\)\nb: ran \(\d+\.\ds\)\nc: running \(forced: after stage 'b' \(--force-downstream\)\)\nc: ran \(\d+\.\ds\)\nlone: up to date\n3 ran, 1 up to date\.\n$/);
});

test('a stage restored from the cache forces the stages after it; --dry says so', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'in.txt': '1\n' });
  await rig.run('repro');
  rig.remove('a.txt');
  const dry = await rig.run('repro', '--force-downstream', '--dry');
  expect(dry.stdout).toBe("a: would be restored from cache (out 'a.txt' missing)\nb: would run (forced: after stage 'a' (--force-downstream))\nc: would run (upstream stage 'b' will run)\nlone: up to date\n2 would run, 1 would be restored, 1 up to date.\n");
  const r = await rig.run('repro', '--force-downstream');
  expect(r.code).toBe(0);
  expect([rig.count('a'), rig.count('b'), rig.count('c'), rig.count('lone')]).toEqual([1, 2, 2, 1]);
});

test('nothing ran or was restored: nothing is forced', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'in.txt': '1\n' });
  await rig.run('repro');
  const r = await rig.run('repro', '--force-downstream');
  expect([r.code, r.stdout]).toEqual([0, 'a: up to date\nb: up to date\nc: up to date\nlone: up to date\nEverything is up to date.\n']);
  expect([rig.count('a'), rig.count('b'), rig.count('c')]).toEqual([1, 1, 1]);
});
