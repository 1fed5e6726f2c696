// `pipe exp branch` with a name git does not take for a branch (`git check-ref-format --branch`),
// or one git would expand into another (`@{-1}`: the branch before): exit 2, no branch.
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

test('invalid branch names: exit 2, nothing made', () => {
  git(dir, 'checkout', '-q', '-b', 'other');
  git(dir, 'checkout', '-q', 'main');
  for (const name of ['a..b', 'has space', 'x.lock', '-x', 'HEAD', '@{-1}']) {
    // after `--`, a name starting with - reaches pipe rather than reading as an option
    const r = pipeGit(dir, 'exp', 'branch', 'tune', '--', name);
    expect([name, r.code, r.stdout, r.stderr]).toEqual([
      name, 2, '',
      `error: '${name}' is not a valid branch name\nhint: \`git check-ref-format --branch <name>\` checks a name; letters, digits, - _ . / are safe\n`,
    ]);
  }
  expect(git(dir, 'branch', '--list')).toBe('* main\n  other\n');
  expect(pipeGit(dir, 'exp', 'branch', 'tune', 'exp/tune-lr').code).toBe(0);
});
