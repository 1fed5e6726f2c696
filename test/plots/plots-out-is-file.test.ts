// `plots show -o <a file>`: --out names a folder; a file there is a usage error (exit 2), said
// as such, and the file is left as it was.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('-o naming an existing file: exit 2, the file untouched', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  a:\n    cmd: exit 0\n    plots: [history.json]\n',
    'history.json': '[{"epoch": 1, "loss": 0.5}, {"epoch": 2, "loss": 0.4}]\n',
    'notes.txt': 'mine\n',
  });
  const r = await rig.run('plots', 'show', '-o', 'notes.txt');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'error: --out notes.txt: that is a file, not a folder\nhint: give a folder for the charts (it is made if missing)\n']);
  expect(rig.read('notes.txt')).toBe('mine\n');
  // a file where a folder above it should be
  const below = await rig.run('plots', 'show', '-o', 'notes.txt/charts');
  expect(below.code).toBe(2);
  expect(rig.read('notes.txt')).toBe('mine\n');
});
