// `pipe exp branch` onto a branch name already taken: exit 2, and the branch stays where it was.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { git, tempDir } from './helpers.js';
import { branchProject, pipeGit } from './branch-project.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  branchProject(dir);
});
afterEach(() => cleanup());

test('the branch exists: exit 2, the exact hint, the branch untouched', () => {
  git(dir, 'branch', 'tune-lr');
  const at = git(dir, 'rev-parse', 'tune-lr');
  const r = pipeGit(dir, 'exp', 'branch', 'tune', 'tune-lr');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', "error: branch 'tune-lr' already exists: choose another name or delete it with git branch -D tune-lr\n"]);
  expect(git(dir, 'rev-parse', 'tune-lr')).toBe(at);
  // the branch made by exp branch itself is taken too
  expect(pipeGit(dir, 'exp', 'branch', 'tune', 'tune-2').code).toBe(0);
  expect(pipeGit(dir, 'exp', 'branch', 'tune', 'tune-2').stderr).toBe("error: branch 'tune-2' already exists: choose another name or delete it with git branch -D tune-2\n");
});
