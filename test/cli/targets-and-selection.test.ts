// `pipe repro [stage...]`, `-s/--single-item`, `--downstream`: which stages a repro touches.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const q = JSON.stringify;
const chain = `stages:
  a:
    cmd: ${q(counted('a', 'echo a > a.txt'))}
    outs: [a.txt]
  b:
    cmd: ${q(counted('b', 'cat a.txt > b.txt'))}
    deps: [a.txt]
    outs: [b.txt]
  c:
    cmd: ${q(counted('c', 'cat b.txt > c.txt'))}
    deps: [b.txt]
    outs: [c.txt]
`;

test('a target runs with its upstream stages only', async () => {
  const rig = makeRig({ 'pipeline.yaml': chain });
  const r = await rig.run('repro', 'b');
  expect(r.code).toBe(0);
  expect([rig.count('a'), rig.count('b'), rig.count('c')]).toEqual([1, 1, 0]);
});

test('-s runs just the target; --downstream adds its dependents', async () => {
  const rig = makeRig({ 'pipeline.yaml': chain });
  await rig.run('repro');
  rig.write({ 'a.txt': 'edited\n' }); // a's out modified: a would be restored, b would rerun
  const single = await rig.run('repro', '-s', 'b');
  expect(single.stdout).toMatch(/^b: running \(dep 'a\.txt' changed\)\nb: ran \(\d+\.\ds\)\n1 ran\.\n$/);
  expect([rig.count('a'), rig.count('b'), rig.count('c')]).toEqual([1, 2, 1]);
  const down = await rig.run('repro', '--downstream', 'b');
  expect(down.code).toBe(0);
  // a's out comes back from cache, so b's inputs are the original ones again: the run-cache has them
  expect(down.stdout).toBe('a: restored from cache\nb: restored from run-cache\nc: up to date\n2 restored from cache, 1 up to date.\n');
  expect([rig.count('a'), rig.count('b'), rig.count('c')]).toEqual([1, 2, 1]);
});

test('an unknown target is a usage error (exit 2) and runs nothing', async () => {
  const rig = makeRig({ 'pipeline.yaml': chain });
  const r = await rig.run('repro', 'nope');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe("error: no stage named 'nope' in pipeline.yaml (stages: a, b, c)\n");
  expect(rig.count('a')).toBe(0);
});
