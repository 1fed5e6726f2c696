// An output's path as a target stands for the stage that makes it (DVC's `dvc repro path/to/out`),
// in repro, status, checkout, commit and dag alike: a file, a folder, or a file inside an output
// folder; a folder that only holds outputs, or a path some stage reads, is said for what it is.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const q = JSON.stringify;
const pipeline = `stages:
  gen:
    cmd: ${q(counted('gen', 'mkdir -p res && echo a > res/a.txt && echo b > res/b.txt'))}
    outs: [res]
  use:
    cmd: ${q(counted('use', 'mkdir -p out && cat res/a.txt > out/u.txt'))}
    deps: [res]
    outs: [out/u.txt]
  side:
    cmd: ${q(counted('side', 'mkdir -p out && echo s > out/s.txt'))}
    outs: [out/s.txt]
`;

test('repro <output folder>, <file inside it> and <output file> run the stage that makes it', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('repro', 'res')).code).toBe(0);
  expect([rig.count('gen'), rig.count('use'), rig.count('side')]).toEqual([1, 0, 0]);
  const inside = await rig.run('repro', '-f', 'res/b.txt');
  expect(inside.code).toBe(0);
  expect([rig.count('gen'), rig.count('use')]).toEqual([2, 0]);
  const file = await rig.run('repro', 'out/u.txt');
  expect(file.code).toBe(0);
  expect([rig.count('gen'), rig.count('use'), rig.count('side')]).toEqual([2, 1, 0]);
});

test('checkout takes a file inside an output folder: the stage\'s outputs are restored', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  await rig.run('repro');
  rig.remove('res/a.txt');
  const r = await rig.run('checkout', 'res/a.txt');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('gen: res: restored from cache\n1 output restored.\n');
  expect(rig.read('res/a.txt')).toBe('a\n');
});

test('status, commit and dag take output paths, from the folder pipe runs in', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const s = await rig.run('status', 'out/s.txt');
  expect([s.code, s.stdout]).toEqual([0, 'side: would run (never ran)\n1 would run.\n']);
  await rig.run('repro');
  const c = await rig.runWith({ cwd: 'out' }, 'commit', 'u.txt');
  expect([c.code, c.stdout]).toEqual([0, 'use: up to date\n0 stages committed.\n']);
  const d = await rig.runWith({ cwd: 'res' }, 'dag', 'a.txt');
  expect([d.code, d.stdout]).toEqual([0, '* gen\n']);
  const k = await rig.runWith({ cwd: 'out' }, 'repro', '-f', 's.txt');
  expect(k.code).toBe(0);
  expect([rig.count('gen'), rig.count('use'), rig.count('side')]).toEqual([1, 1, 2]);
});

test('a folder holding outputs of several stages is refused naming them (exit 2)', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('repro', 'out');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe("error: 'out' is no stage's output; it holds outputs of stages 'use', 'side': name them (or an output's own path) instead\n");
  expect(rig.count('use')).toBe(0);
});

test('a path that is a stage\'s dep but no output says which stages read it', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  train:\n    cmd: cat data.csv > m.txt\n    deps: [data.csv]\n    outs: [m.txt]\n`,
    'data.csv': '1\n',
  });
  const r = await rig.run('repro', 'data.csv');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe("error: no stage named 'data.csv' in pipeline.yaml (stages: train); 'data.csv' is no stage's output: no stage makes it (stage 'train' reads it)\n");
});

test('a stage named like a path wins over the path', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  res:\n    cmd: ${q(counted('res', 'echo r > r.txt'))}\n    outs: [r.txt]\n  gen:\n    cmd: ${q(counted('gen', 'mkdir -p res && echo a > res/a.txt'))}\n    outs: [res]\n`,
  });
  expect((await rig.run('repro', 'res')).code).toBe(0);
  expect([rig.count('res'), rig.count('gen')]).toEqual([1, 0]);
});
