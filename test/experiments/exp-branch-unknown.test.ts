// `pipe exp branch` with an experiment no record has: exit 2 with the did-you-mean every exp
// command gives, and no branch made.
import { expect, test } from 'vitest';
import { git } from './helpers.js';
import { pipeGit, useBranchProject } from './branch-project.js';

const t = useBranchProject();

test('an unknown experiment: exit 2, did you mean, no branch', () => {
  const r = pipeGit(t.dir, 'exp', 'branch', 'tume', 'tune-lr');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', "error: no experiment with id or name 'tume'; did you mean 'tune'?\nhint: list them with `pipe exp show`\n"]);
  expect(git(t.dir, 'branch', '--list')).toBe('* main\n');
});
