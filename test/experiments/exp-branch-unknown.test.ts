// `pipe exp branch` with an experiment no record has: exit 2 with the did-you-mean every exp
// command gives, and no branch made.
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

test('an unknown experiment: exit 2, did you mean, no branch', () => {
  const r = pipeGit(dir, 'exp', 'branch', 'tume', 'tune-lr');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', "error: no experiment with id or name 'tume'; did you mean 'tune'?\nhint: list them with `pipe exp show`\n"]);
  expect(git(dir, 'branch', '--list')).toBe('* main\n');
});
