// Run from a subfolder, `pipe diff` shows paths from the project root, as DVC does; --targets
// paths are taken from the current folder and keep only what they are, hold or lie inside (a file
// inside a tracked folder keeps that file alone).
import { expect, test } from 'vitest';
import { committedRig } from './helpers.js';

const PIPELINE = [
  'stages:',
  '  f:',
  '    cmd: mkdir -p data/out && cp src.txt data/out/a.txt && cp src.txt data/out/b.txt && cp src.txt model.bin',
  '    deps: [src.txt]',
  '    outs: [data/out, model.bin]',
  '',
].join('\n');

test('from a subfolder, paths from the root; --targets from the current folder', async () => {
  const rig = await committedRig({ 'pipeline.yaml': PIPELINE, 'src.txt': '1\n', 'docs/readme.txt': 'x\n' });
  rig.write({ 'src.txt': '2\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const r = await rig.runWith({ cwd: 'docs' }, 'diff');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('Modified:\n    data/out/\n    data/out/a.txt\n    data/out/b.txt\n    model.bin\n\nfiles summary: 0 added, 0 deleted, 3 modified, 0 not in cache\n');
  const folder = await rig.runWith({ cwd: 'docs' }, 'diff', '--targets', '../data/out');
  expect(folder.stdout).toBe('Modified:\n    data/out/\n    data/out/a.txt\n    data/out/b.txt\n\nfiles summary: 0 added, 0 deleted, 2 modified, 0 not in cache\n');
  const inside = await rig.runWith({ cwd: 'data' }, 'diff', '--targets', 'out/b.txt', '../model.bin', '--', 'HEAD');
  expect(inside.stderr).toBe('');
  expect(inside.stdout).toBe('Modified:\n    data/out/b.txt\n    model.bin\n\nfiles summary: 0 added, 0 deleted, 2 modified, 0 not in cache\n');
});
