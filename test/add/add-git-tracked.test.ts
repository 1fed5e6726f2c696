// `pipe add` on data git already tracks (committed before pipe took it over): stored and tracked,
// but no .gitignore line (git would go on tracking it anyway), and a warning says what to run.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { git, initRepo } from './helpers.js';

test('data committed to git: added, not ignored, and the way out named', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data/raw/a.txt': 'a\n' });
  initRepo(rig.dir);
  git(rig.dir, 'add', 'data/raw');
  git(rig.dir, 'commit', '-qm', 'data in git');
  const r = await rig.run('add', 'data/raw');
  expect([r.code, r.stdout]).toEqual([0, 'added data/raw (1 file, 2 B): commit data/raw.pipe\n']);
  expect(r.stderr).toBe(
    "note: .gitignore: added /.pipe (pipe's local state)\n" +
      "note: .gitignore: added /cache (pipe's object cache)\n" +
      "warning: git tracks data/raw (data/raw/a.txt), so it was not added to a .gitignore: run `git rm -r --cached 'data/raw'` and commit data/raw.pipe instead\n",
  );
  expect(rig.exists('data/.gitignore')).toBe(false);
});
