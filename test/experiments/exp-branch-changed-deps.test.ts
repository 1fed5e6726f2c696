// An experiment run with uncommitted changes to a file its stage reads: the branch holds its
// params and results on the commit it ran on, not those changes, so `pipe status` there says the
// stage would run. `pipe exp branch` says so, on the terminal and in the commit message.
import { beforeEach, expect, test } from 'vitest';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { git } from './helpers.js';
import { pipeGit, useBranchProject } from './branch-project.js';

const t = useBranchProject();
beforeEach(() => {
  appendFileSync(join(t.dir, 'train.js'), '// tuned by hand, never committed\n');
  expect(pipeGit(t.dir, 'exp', 'run', '-S', 'train.lr=0.2', '-n', 'edited').code).toBe(0);
});

test('a dep changed since the base commit: named, and pipe status on the branch agrees', () => {
  const short = t.base.slice(0, 7);
  const r = pipeGit(t.dir, 'exp', 'branch', 'edited', 'edited');
  expect(r.code).toBe(0);
  expect(r.stderr.split('\n')[0]).toBe(
    `note: it ran with uncommitted changes to train.js, which the branch does not hold (it has it as ${short} has it): there \`pipe status\` says train would run (commit it to the branch to match)`,
  );
  expect(git(t.dir, 'log', '-1', '--format=%B', 'edited')).toContain(
    `\n\nIt ran with uncommitted changes to train.js, which this commit does not hold (it has the file as ${short} has it): its pipeline.lock names the changed version, so \`pipe status\` here says train would run.\n`,
  );

  // the workspace back to the base commit, then onto the branch
  git(t.dir, 'checkout', '--', '.');
  git(t.dir, 'clean', '-fdq', 'metrics/experiments');
  git(t.dir, 'checkout', '-q', 'edited');
  const status = pipeGit(t.dir, 'status');
  expect([status.code, status.stdout]).toEqual([0, "train: would run (dep 'train.js' changed)\n1 would run.\n"]);
});
