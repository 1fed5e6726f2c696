// `pipe move` of a tracked file: the file goes, `<dst>.pipe` records the same hash under the new
// name, the old .pipe file goes, and each .gitignore line moves to the folder of its data (an
// emptied .gitignore goes). Status is clean after, and checkout restores it at its new place.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { initRepo, NO_STAGES, sha256, trackingText } from '../add/helpers.js';

test('a file to a new folder: same hash, new name, .gitignore lines moved', async () => {
  const rig = makeRig({ 'pipeline.yaml': NO_STAGES, 'data/f.txt': 'f\n' });
  initRepo(rig.dir);
  expect((await rig.run('add', 'data/f.txt')).code).toBe(0);
  expect((await rig.run('repro')).code).toBe(0);
  const r = await rig.run('move', 'data/f.txt', 'other/g.txt');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    'Moved data/f.txt to other/g.txt: commit other/g.txt.pipe and the removal of data/f.txt.pipe\n',
    'note: data/.gitignore: removed /f.txt\nnote: other/.gitignore: added /g.txt (data `pipe add` keeps in its cache; commit other/g.txt.pipe instead)\n',
  ]);
  expect(rig.read('other/g.txt')).toBe('f\n');
  expect(rig.read('other/g.txt.pipe')).toBe(trackingText('g.txt', sha256('f\n'), 2, 1));
  expect([rig.exists('data/f.txt'), rig.exists('data/f.txt.pipe'), rig.exists('data/.gitignore')]).toEqual([false, false, false]);
  expect(rig.read('other/.gitignore')).toBe('/g.txt\n');
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  rig.remove('other/g.txt');
  const back = await rig.run('checkout', 'other/g.txt');
  expect(back.code).toBe(0);
  expect(rig.read('other/g.txt')).toBe('f\n');
});

test('named by its .pipe file, from a subfolder', async () => {
  const rig = makeRig({ 'pipeline.yaml': NO_STAGES, 'data/f.txt': 'f\n' });
  expect((await rig.run('add', 'data/f.txt')).code).toBe(0);
  const r = await rig.runWith({ cwd: 'data' }, 'move', 'f.txt.pipe', 'h.txt');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'Moved data/f.txt to data/h.txt: commit data/h.txt.pipe and the removal of data/f.txt.pipe\n', '']);
  expect(rig.read('data/h.txt.pipe')).toBe(trackingText('h.txt', sha256('f\n'), 2, 1));
});
