// `pipe exp branch` in a project outside any git repository: exit 2, saying why.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { tempDir, writeFiles } from './helpers.js';
import { BRANCH_FILES, pipeGit } from './branch-project.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, BRANCH_FILES);
  expect(pipeGit(dir, 'exp', 'run', '-S', 'train.lr=0.1', '-n', 'tune').code).toBe(0);
});
afterEach(() => cleanup());

test('not a git repository: exit 2', () => {
  const r = pipeGit(dir, 'exp', 'branch', 'tune', 'tune-lr');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2, '',
    'error: the project is not in a git repository: pipe exp branch makes a git branch\nhint: run `git init`, commit the project, and run the experiment again\n',
  ]);
});
