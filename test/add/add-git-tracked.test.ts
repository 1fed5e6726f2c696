// `pipe add` on data git already tracks (committed before pipe took it over): stored and tracked,
// its .gitignore line written all the same (git ignores nothing it tracks, so the line is
// harmless until the `git rm -r --cached` the warning asks for, after which a `git add -A`
// leaves the data out), and a warning says what to run.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { git, initRepo } from './helpers.js';

test('data committed to git: added, its line written, and the way out named; git rm --cached + add -A leaves it out', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data/raw/a.txt': 'a\n' });
  initRepo(rig.dir);
  git(rig.dir, 'add', 'data/raw');
  git(rig.dir, 'commit', '-qm', 'data in git');
  const r = await rig.run('add', 'data/raw');
  expect([r.code, r.stdout]).toEqual([0, 'added data/raw (1 file, 2 B): commit data/raw.pipe\n']);
  expect(r.stderr).toBe(
    "note: .gitignore: added /.pipe (pipe's local state)\n" +
      "note: .gitignore: added /cache (pipe's object cache)\n" +
      'note: data/.gitignore: added /raw (data `pipe add` keeps in its cache; commit data/raw.pipe instead)\n' +
      "warning: git tracks data/raw (data/raw/a.txt), which the /raw line in data/.gitignore does not stop: run `git rm -r --cached 'data/raw'` (the line then keeps it out of git) and commit data/raw.pipe instead\n",
  );
  expect(rig.read('data/.gitignore')).toBe('/raw\n');

  // added again while git still tracks it: the warning again, the line not written twice
  const again = await rig.run('add', 'data/raw');
  expect([again.code, again.stderr]).toEqual([0, "warning: git tracks data/raw (data/raw/a.txt), which the /raw line in data/.gitignore does not stop: run `git rm -r --cached 'data/raw'` (the line then keeps it out of git) and commit data/raw.pipe instead\n"]);
  expect(rig.read('data/.gitignore')).toBe('/raw\n');

  // the advice followed with the usual `git add -A`: the data leaves git, the .pipe file goes in
  git(rig.dir, 'rm', '-r', '-q', '--cached', 'data/raw');
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-qm', 'track with pipe');
  expect(git(rig.dir, 'ls-files', 'data')).toBe('data/.gitignore\ndata/raw.pipe\n');
  const after = await rig.run('add', 'data/raw');
  expect([after.code, after.stdout, after.stderr]).toEqual([0, 'data/raw (1 file, 2 B): unchanged, as data/raw.pipe records it\n', '']);
});
