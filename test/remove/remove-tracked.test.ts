// `pipe remove` on data `pipe add` tracks, by its path or its .pipe file: the .pipe file and its
// .gitignore line go, the data stays (DVC's behaviour), untracked; `--outs` deletes it too.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { initRepo, NO_STAGES } from '../add/helpers.js';

test('by .pipe file, from the folder it is in: untracked, the data stays', async () => {
  const rig = makeRig({ 'pipeline.yaml': NO_STAGES, 'data/raw/a.txt': 'a\n', 'data/b.txt': 'b\n' });
  initRepo(rig.dir);
  expect((await rig.run('add', 'data/raw', 'data/b.txt')).code).toBe(0);
  expect(rig.read('data/.gitignore')).toBe('/b.txt\n/raw\n');
  const r = await rig.runWith({ cwd: 'data' }, 'remove', 'raw.pipe');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    'Removed data/raw.pipe; data/raw stays in the workspace, no longer tracked (the cache keeps it until `pipe gc`)\n',
    'note: data/.gitignore: removed /raw\n',
  ]);
  expect(rig.exists('data/raw.pipe')).toBe(false);
  expect(rig.read('data/raw/a.txt')).toBe('a\n');
  expect(rig.read('data/.gitignore')).toBe('/b.txt\n');
  // no longer tracked: checkout leaves it alone, and add tracks it afresh, .gitignore line and all
  rig.remove('data/raw');
  expect((await rig.run('checkout')).stdout).not.toContain('data/raw');
  expect(rig.exists('data/raw')).toBe(false);
});

test('by path with --outs: the data goes too, and the .gitignore it emptied', async () => {
  const rig = makeRig({ 'pipeline.yaml': NO_STAGES, 'data/b.txt': 'b\n' });
  initRepo(rig.dir);
  expect((await rig.run('add', 'data/b.txt')).code).toBe(0);
  const r = await rig.run('remove', '--outs', 'data/b.txt');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'Removed data/b.txt.pipe and data/b.txt\n', 'note: data/.gitignore: removed /b.txt\n']);
  expect([rig.exists('data/b.txt'), rig.exists('data/b.txt.pipe'), rig.exists('data/.gitignore')]).toEqual([false, false, false]);
  rig.write({ 'data/b.txt': 'b\n' });
  const again = await rig.run('add', 'data/b.txt');
  expect([again.code, again.stderr]).toEqual([0, 'note: data/.gitignore: added /b.txt (data `pipe add` keeps in its cache; commit data/b.txt.pipe instead)\n']);
});
