// `pipe checkout [stage...]`: restores outs from cache per pipeline.lock, running nothing.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  a:
    cmd: ${JSON.stringify(counted('a', 'echo a > a.txt && mkdir -p d && echo x > d/x'))}
    outs: [a.txt, d]
  b:
    cmd: ${JSON.stringify(counted('b', 'echo b > b.txt'))}
    outs: [b.txt]
`;

test('restores every missing or edited out, or only the named stage', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  await rig.run('repro');
  rig.remove('a.txt');
  rig.write({ 'd/x': 'edited\n', 'b.txt': 'edited\n' });
  const one = await rig.run('checkout', 'b');
  expect(one.code).toBe(0);
  expect(one.stdout).toBe('b: b.txt: restored from cache\n1 output restored.\n');
  expect(rig.exists('a.txt')).toBe(false);
  const all = await rig.run('checkout');
  expect(all.code).toBe(0);
  expect(all.stdout).toBe('a: a.txt: restored from cache\na: d: restored from cache\nb: b.txt: up to date\n2 outputs restored.\n');
  expect([rig.read('a.txt'), rig.read('d/x'), rig.read('b.txt')]).toEqual(['a\n', 'x\n', 'b\n']);
  expect([rig.count('a'), rig.count('b')]).toEqual([1, 1]);
});

test('an out whose object is not in the cache fails with exit 1', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  await rig.run('repro');
  rig.remove('cache');
  rig.remove('b.txt');
  const r = await rig.run('checkout', 'b');
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('b: b.txt: not in cache: run `pipe repro` (or `pipe pull`)\n');
});
