// A `cache: false` output that a later stage reads (metrics/train.json, read by eval): the branch
// commit holds it from the record, so `exp branch` must not say the experiment ran with changes the
// branch lacks, on the terminal or in the commit message; on the branch, `pipe checkout` then
// `pipe status` says everything is up to date.
import { expect, test } from 'vitest';
import { git } from './helpers.js';
import { BRANCH_FILES, pipeGit, useBranchProject } from './branch-project.js';

const t = useBranchProject({
  'pipeline.yaml': `${BRANCH_FILES['pipeline.yaml'] ?? ''}  eval:
    cmd: cp metrics/train.json metrics/eval.json
    deps: [metrics/train.json]
    metrics:
      - metrics/eval.json:
          cache: false
`,
});

test('no note of changes the branch lacks; the branch is up to date after pipe checkout', () => {
  const r = pipeGit(t.dir, 'exp', 'branch', 'tune', 'br-tune');
  expect([r.code, r.stderr]).toEqual([0, expect.not.stringContaining('uncommitted changes')]);
  expect(r.stdout).toBe(`Created branch 'br-tune' from experiment 'tune' (on ${t.base.slice(0, 7)}): git checkout br-tune && pipe checkout restores its outputs\n`);
  const message = git(t.dir, 'log', '-1', '--format=%B', 'br-tune');
  expect(message).toBe(`pipe exp branch: tune\n\nExperiment ${t.record.replace(/^.*\//, '').replace(/\.json$/, '')} (tune), run on ${t.base.slice(0, 7)}.\n\nParams that differ from ${t.base.slice(0, 7)}:\n  train.lr: 0.01 -> 0.1\n\n`);
  expect(git(t.dir, 'show', '--name-only', '--format=', 'br-tune').split('\n').filter(Boolean).sort()).toEqual(['metrics/eval.json', 'metrics/train.json', 'params.yaml', 'pipeline.lock']);

  git(t.dir, 'checkout', '--', '.');
  git(t.dir, 'clean', '-fdq', 'metrics/experiments');
  git(t.dir, 'checkout', '-q', 'br-tune');
  expect(pipeGit(t.dir, 'checkout').code).toBe(0);
  const status = pipeGit(t.dir, 'status');
  expect([status.code, status.stdout]).toEqual([0, 'Everything is up to date.\n']);
});
