// `pipe exp branch` onto a branch name already taken: exit 2, and the branch stays where it was.
import { expect, test } from 'vitest';
import { git } from './helpers.js';
import { pipeGit, useBranchProject } from './branch-project.js';

const t = useBranchProject();

test('the branch exists: exit 2, the exact hint, the branch untouched', () => {
  git(t.dir, 'branch', 'tune-lr');
  const at = git(t.dir, 'rev-parse', 'tune-lr');
  const r = pipeGit(t.dir, 'exp', 'branch', 'tune', 'tune-lr');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', "error: branch 'tune-lr' already exists: choose another name or delete it with git branch -d tune-lr\n"]);
  expect(git(t.dir, 'rev-parse', 'tune-lr')).toBe(at);
  // the branch made by exp branch itself is taken too
  expect(pipeGit(t.dir, 'exp', 'branch', 'tune', 'tune-2').code).toBe(0);
  expect(pipeGit(t.dir, 'exp', 'branch', 'tune', 'tune-2').stderr).toBe("error: branch 'tune-2' already exists: choose another name or delete it with git branch -d tune-2\n");
});
