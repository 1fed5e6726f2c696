// `pipe diff` refuses with exit 2, saying what to do: a revision git does not know (naming it and
// `git log`), a project outside git, a repository with no commit yet, a --targets path nothing tracks.
import { expect, test } from 'vitest';
import { initRepo } from '../add/helpers.js';
import { makeRig } from '../rig.js';
import { committedRig, TWO_STAGES } from './helpers.js';

test('an unknown revision, first or second', async () => {
  const rig = await committedRig();
  const r = await rig.run('diff', 'nope');
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe("error: unknown revision 'nope': no commit, branch or tag of this git repository has that name\nhint: list the commits with `git log` (and branches with `git branch`, tags with `git tag`)\n");
  const second = await rig.run('diff', 'HEAD', 'HEAD~5');
  expect(second.code).toBe(2);
  expect(second.stderr).toContain("error: unknown revision 'HEAD~5': ");
});

test('not a git repository; no commit yet', async () => {
  const rig = makeRig({ 'pipeline.yaml': TWO_STAGES, 'params.yaml': 'a: 1\n' });
  const r = await rig.run('diff');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(
    `error: pipe diff compares git revisions, and ${rig.dir} is not in a git repository\nhint: \`git init\`, then commit pipeline.lock and the .pipe files; \`pipe status\` says what changed since the last run meanwhile\n`,
  );
  initRepo(rig.dir);
  const empty = await rig.run('diff');
  expect(empty.code).toBe(2);
  expect(empty.stderr).toBe('error: there is no HEAD to compare with: the git repository has no commit yet\nhint: commit pipeline.lock and the .pipe files, then compare\n');
});

test('a --targets path nothing tracks', async () => {
  const rig = await committedRig();
  const r = await rig.run('diff', '--targets', 'params.yaml');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe("error: 'params.yaml' is no tracked data at HEAD or in the workspace: neither an output pipeline.lock records nor data a .pipe file tracks, nor a folder holding one\n");
});
