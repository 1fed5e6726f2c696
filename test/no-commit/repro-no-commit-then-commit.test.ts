// `pipe repro --no-commit` (DVC's): the stage runs and pipeline.lock records its output, but
// neither the object cache nor the run-cache gets anything; `pipe commit` then stores the output
// and writes the run-cache entry the run did not, without running anything.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const files = (rig: { dir: string }, sub: string): number => {
  try {
    return readdirSync(join(rig.dir, 'cache', sub), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
};

test('repro --no-commit records the lock but stores nothing; commit stores the output and its run-cache entry', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  a:\n    cmd: ${JSON.stringify(counted('a', 'echo made > out.txt'))}\n    outs: [out.txt]\n`,
  });
  const r = await rig.run('repro', '--no-commit', '--no-record');
  expect([r.code, r.stdout.replace(/\(\d+\.\ds\)/, '(T)'), r.stderr]).toEqual([0, 'a: running (never ran)\na: ran (T)\n1 ran.\n', '']);
  expect(rig.read('pipeline.lock')).toContain('path: out.txt\n        hash: 9ccbd3f1b19a1cdfd8d7c6ae48e9e822e2345f5be1a6187b19e41486c6941004\n');
  expect([files(rig, 'objects'), files(rig, 'runs')]).toEqual([0, 0]);
  const lock = rig.read('pipeline.lock');

  const c = await rig.run('commit');
  expect([c.code, c.stdout, c.stderr]).toEqual([0, "a: up to date (the cache did not hold 'out.txt': stored from the workspace)\n0 stages committed; 1 output stored in the cache.\n", '']);
  expect([files(rig, 'objects'), files(rig, 'runs'), rig.read('pipeline.lock'), rig.count('a')]).toEqual([1, 1, lock, 1]);

  // the cache now serves the output: a checkout puts it back, and a second commit has nothing to do
  rig.remove('out.txt');
  const back = await rig.run('checkout', 'a');
  expect([back.code, rig.read('out.txt')]).toEqual([0, 'made\n']);
  expect((await rig.run('commit')).stdout).toBe('a: up to date\n0 stages committed.\n');
  expect(rig.count('a')).toBe(1);
});

test('the run-cache entry commit writes restores the run after a change is undone', async () => {
  const rig = makeRig({
    'in.txt': 'one\n',
    'pipeline.yaml': `stages:\n  a:\n    cmd: ${JSON.stringify(counted('a', 'cat in.txt > out.txt'))}\n    deps: [in.txt]\n    outs: [out.txt]\n`,
  });
  expect((await rig.run('repro', '--no-commit', '--no-record')).code).toBe(0);
  expect((await rig.run('commit')).code).toBe(0);
  rig.write({ 'in.txt': 'two\n' });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  rig.write({ 'in.txt': 'one\n' });
  const r = await rig.run('repro', '--no-record');
  expect([r.code, r.stdout]).toEqual([0, 'a: restored from run-cache\n1 restored from cache.\n']);
  expect([rig.read('out.txt'), rig.count('a')]).toEqual(['one\n', 2]);
});
