// A project in a subfolder of its git repository: each revision's pipeline.lock and .pipe files are
// read from the project's folder (never from the repository top, which has files of the same
// names), and paths are shown from the project root; a .pipe file as a target names its data.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { git, initRepo } from '../add/helpers.js';

test('the project folder at each revision, paths from its root; a .pipe target', async () => {
  const pipeline = 'stages:\n  o:\n    cmd: echo o > o.txt\n    outs: [o.txt]\n';
  // proj/.gitignore's `/.pipe` line (pipe init's) makes proj a project, not a pipeline file of the top's
  const rig = makeRig({ 'proj/pipeline.yaml': pipeline, 'proj/.gitignore': '/.pipe\n', 'proj/data/x.csv': '1\n', 'pipeline.yaml': pipeline, 'data/x.csv': '1\n' });
  initRepo(rig.dir);
  for (const cwd of ['proj', '.']) {
    expect((await rig.runWith({ cwd }, 'add', 'data/x.csv')).code).toBe(0);
    expect((await rig.runWith({ cwd }, 'repro')).code).toBe(0);
  }
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-q', '-m', 'one');
  // the repository top's data changes too: the project's diff must not see it
  rig.write({ 'proj/data/x.csv': '2\n', 'data/x.csv': '3\n', 'o.txt': 'changed\n' });
  const r = await rig.runWith({ cwd: 'proj/data' }, 'diff');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('Modified:\n    data/x.csv\n\nfiles summary: 0 added, 0 deleted, 1 modified, 0 not in cache\n');
  const target = await rig.runWith({ cwd: 'proj/data' }, 'diff', '--targets', 'x.csv.pipe');
  expect(target.stdout).toBe('Modified:\n    data/x.csv\n\nfiles summary: 0 added, 0 deleted, 1 modified, 0 not in cache\n');
});
