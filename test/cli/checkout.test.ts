// `pipe checkout [stage...]`: restores outs from cache per pipeline.lock, running nothing; an out
// whose current content no cache holds is overwritten only with --force.
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

test('restores every missing out, edited ones with --force, or only the named stage', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  await rig.run('repro');
  rig.remove('a.txt');
  rig.write({ 'd/x': 'edited\n', 'b.txt': 'edited\n' });
  // the edits are in no cache: left as they are, exit 1
  const kept = await rig.run('checkout', 'b');
  expect([kept.code, kept.stdout, kept.stderr]).toEqual([
    1,
    '0 outputs restored.\n',
    'b: b.txt: has changes the cache does not hold, left as it is: `pipe commit --force` keeps them, `pipe checkout --force` overwrites them\n',
  ]);
  expect(rig.read('b.txt')).toBe('edited\n');
  const one = await rig.run('checkout', '--force', 'b');
  expect(one.code).toBe(0);
  expect(one.stdout).toBe('b: b.txt: restored from cache\n1 output restored.\n');
  expect(rig.exists('a.txt')).toBe(false);
  const missingOnly = await rig.run('checkout');
  expect([missingOnly.code, missingOnly.stdout]).toEqual([1, 'a: a.txt: restored from cache\nb: b.txt: up to date\n1 output restored.\n']);
  expect(missingOnly.stderr).toMatch(/^a: d: has changes the cache does not hold/);
  expect(rig.read('d/x')).toBe('edited\n');
  // an edit put back by hand to the cached content is no change at all
  rig.write({ 'd/x': 'x\n' });
  const all = await rig.run('checkout');
  expect(all.code).toBe(0);
  expect(all.stdout).toBe('a: a.txt: up to date\na: d: up to date\nb: b.txt: up to date\n0 outputs restored.\n');
  rig.write({ 'd/x': 'edited again\n' });
  expect((await rig.run('checkout', '-f')).stdout).toBe('a: a.txt: up to date\na: d: restored from cache\nb: b.txt: up to date\n1 output restored.\n');
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

test('a folder output with a file deleted, or put back to an old version, loses nothing: restored without --force', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  await rig.run('repro');
  rig.remove('d/x');
  rig.write({ 'd/extra': 'a\n' }); // the same bytes as a.txt: the cache holds them
  const r = await rig.run('checkout', 'a');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'a: a.txt: up to date\na: d: restored from cache\n1 output restored.\n', '']);
  expect([rig.read('d/x'), rig.exists('d/extra')]).toEqual(['x\n', false]);
});
