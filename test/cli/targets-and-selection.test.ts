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

test('-s runs just the target; --downstream the target and its dependents, not what it depends on (as DVC)', async () => {
  const rig = makeRig({ 'pipeline.yaml': chain });
  await rig.run('repro');
  rig.write({ 'a.txt': 'edited\n' }); // a's out modified: a would be restored, b would rerun
  const single = await rig.run('repro', '-s', 'b');
  expect(single.stdout).toMatch(/^b: running \(dep 'a\.txt' changed\)\nb: ran \(\d+\.\ds\)\n1 ran\.\n$/);
  expect([rig.count('a'), rig.count('b'), rig.count('c')]).toEqual([1, 2, 1]);
  const down = await rig.run('repro', '--downstream', 'b');
  expect(down.code).toBe(0);
  // a is left as it is (its out still edited): b ran on it already, c runs on b's new out
  expect(down.stdout).toMatch(/^b: up to date\nc: running \(dep 'b\.txt' changed\)\nc: ran \(\d+\.\ds\)\n1 ran, 1 up to date\.\n$/);
  expect(down.stderr).toBe("note: --downstream left out stages these depend on that are out of date: a (`pipe repro a` brings them up to date)\n");
  expect([rig.count('a'), rig.count('b'), rig.count('c')]).toEqual([1, 2, 2]);
  expect(rig.read('a.txt')).toBe('edited\n');
});

test('an unknown target is a usage error (exit 2) and runs nothing', async () => {
  const rig = makeRig({ 'pipeline.yaml': chain });
  const r = await rig.run('repro', 'nope');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe("error: no stage named 'nope' in pipeline.yaml (stages: a, b, c)\n");
  expect(rig.count('a')).toBe(0);
});
