// `pipe add <file>`: the file goes into the cache under its sha256, `<file>.pipe` is written beside
// it with the lock's entry shape, and in a git repository the file is ignored in its folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { git, initRepo, NO_STAGES, sha256, trackingText } from './helpers.js';

test('a file is cached, tracked by <file>.pipe, and kept out of git', async () => {
  const rig = makeRig({ 'pipeline.yaml': NO_STAGES, 'data/labels.csv': 'a,1\nb,2\n' });
  initRepo(rig.dir);
  const r = await rig.run('add', 'data/labels.csv');
  expect([r.code, r.stdout]).toEqual([0, 'added data/labels.csv (8 B): commit data/labels.csv.pipe\n']);
  expect(r.stderr).toBe(
    'note: .gitignore: added /.pipe (pipe\'s local state)\n' +
      'note: .gitignore: added /cache (pipe\'s object cache)\n' +
      'note: data/.gitignore: added /labels.csv (data `pipe add` keeps in its cache; commit data/labels.csv.pipe instead)\n',
  );
  const hash = sha256('a,1\nb,2\n');
  expect(rig.read('data/labels.csv.pipe')).toBe(trackingText('labels.csv', hash, 8, 1));
  expect(readFileSync(join(rig.dir, 'cache/objects', hash.slice(0, 2), hash.slice(2)), 'utf8')).toBe('a,1\nb,2\n');
  expect(rig.read('data/.gitignore')).toBe('/labels.csv\n');
  // what is left for git: the tracking file and the ignore lists, not the data
  expect(git(rig.dir, 'status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean).sort()).toEqual([
    '?? .gitignore', '?? data/.gitignore', '?? data/labels.csv.pipe', '?? pipeline.yaml',
  ]);
});

test('from a subfolder, the path is taken from there', async () => {
  const rig = makeRig({ 'pipeline.yaml': NO_STAGES, 'data/x.txt': 'x\n' });
  const r = await rig.runWith({ cwd: 'data' }, 'add', 'x.txt');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'added data/x.txt (2 B): commit data/x.txt.pipe\n', '']);
  expect(rig.read('data/x.txt.pipe')).toBe(trackingText('x.txt', sha256('x\n'), 2, 1));
});
