// `pipe exp branch` with a name git does not take for a branch (`git check-ref-format --branch`),
// or one git would expand into another (`@{-1}`: the branch before): exit 2, no branch.
import { expect, test } from 'vitest';
import { git } from './helpers.js';
import { pipeGit, useBranchProject } from './branch-project.js';

const t = useBranchProject();

test('invalid branch names: exit 2, nothing made', () => {
  git(t.dir, 'checkout', '-q', '-b', 'other');
  git(t.dir, 'checkout', '-q', 'main');
  for (const name of ['a..b', 'has space', 'x.lock', '-x', 'HEAD', '@{-1}']) {
    // after `--`, a name starting with - reaches pipe rather than reading as an option
    const r = pipeGit(t.dir, 'exp', 'branch', 'tune', '--', name);
    expect([name, r.code, r.stdout, r.stderr]).toEqual([
      name, 2, '',
      `error: '${name}' is not a valid branch name\nhint: \`git check-ref-format --branch <name>\` checks a name; letters, digits, - _ . / are safe\n`,
    ]);
  }
  expect(git(t.dir, 'branch', '--list')).toBe('* main\n  other\n');
  expect(pipeGit(t.dir, 'exp', 'branch', 'tune', 'exp/tune-lr').code).toBe(0);
});
