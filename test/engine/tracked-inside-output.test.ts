// An output folder written by hand in pipeline.yaml that holds data `pipe add` tracks (its .pipe
// file inside) is refused before anything is removed, exit 2 at the output's line, as `pipe stage
// add` refuses it: the run would delete the tracked data and its .pipe file. Checked for stages
// that would run or be restored, so an up-to-date pipeline walks no output folder.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const error =
  "error: pipeline.yaml:4:12: output 'data' of stage 'a' holds data/raw.pipe, which tracks 'data/raw': a run removes its outputs before its command starts (a restore replaces them), so it would delete the tracked data and its .pipe file; a path is either added data or a stage's output: choose another output, or stop tracking it first (`pipe remove data/raw.pipe`)\n      outs: [data]\n             ^\n";

test('status, repro --dry and repro refuse it with exit 2; the tracked data stays', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data/raw/a.csv': '1\n' });
  expect((await rig.run('add', 'data/raw')).code).toBe(0);
  const tracking = rig.read('data/raw.pipe');
  rig.write({ 'pipeline.yaml': `stages:\n  a:\n    cmd: ${counted('a', 'mkdir -p data && echo > data/x')}\n    outs: [data]\n` });
  const status = await rig.run('status');
  expect([status.code, status.stdout, status.stderr]).toEqual([2, '', error]);
  const dry = await rig.run('repro', '--dry');
  expect([dry.code, dry.stderr]).toEqual([2, error]);
  const repro = await rig.run('repro');
  expect([repro.code, repro.stdout, repro.stderr]).toEqual([2, 'a: skipped (refused: an output holds tracked data (error below))\n', error]);
  expect(rig.count('a')).toBe(0);
  expect(rig.read('data/raw/a.csv')).toBe('1\n');
  expect(rig.read('data/raw.pipe')).toBe(tracking);
  expect(rig.exists('data/x')).toBe(false);
});

test('an output folder holding a .pipe file deeper down, after an upstream stage ran', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'out/sub/t.txt': 't\n' });
  expect((await rig.run('add', 'out/sub/t.txt')).code).toBe(0);
  rig.write({ 'pipeline.yaml': `stages:\n  up:\n    cmd: ${counted('up', 'echo u > u.txt')}\n    outs: [u.txt]\n  b:\n    cmd: ${counted('b', 'mkdir -p out && cp u.txt out/')}\n    deps: [u.txt]\n    outs: [out]\n` });
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([
    2,
    "error: pipeline.yaml:8:12: output 'out' of stage 'b' holds out/sub/t.txt.pipe, which tracks 'out/sub/t.txt': a run removes its outputs before its command starts (a restore replaces them), so it would delete the tracked data and its .pipe file; a path is either added data or a stage's output: choose another output, or stop tracking it first (`pipe remove out/sub/t.txt.pipe`)\n      outs: [out]\n             ^\n",
  ]);
  expect([rig.count('up'), rig.count('b')]).toEqual([1, 0]);
  expect(rig.read('out/sub/t.txt')).toBe('t\n');
});
