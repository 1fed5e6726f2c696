// `pipe exp branch` writes every params file the record holds, as `exp apply` does (comments
// kept), and names another file's changed keys in the commit message as `exp show` does
// (params.yaml's first).
import { beforeEach, expect, test } from 'vitest';
import { git } from './helpers.js';
import { pipeGit, useBranchProject } from './branch-project.js';

const t = useBranchProject({
  'other.yaml': 'opt:\n  momentum: 0.9  # heavy ball\n',
  'pipeline.yaml': `stages:
  train:
    cmd: node train.js
    deps: [train.js]
    params: [train.lr, {other.yaml: [opt.momentum]}]
    outs: [model/weights.txt]
    metrics:
      - metrics/train.json:
          cache: false
`,
});
beforeEach(() => {
  expect(pipeGit(t.dir, 'exp', 'run', '-S', 'other.yaml:opt.momentum=0.5', '-n', 'slow').code).toBe(0);
});

test('params.yaml and other.yaml as the experiment had them; both in the message', () => {
  expect(pipeGit(t.dir, 'exp', 'branch', 'slow', 'slow').code).toBe(0);
  expect(git(t.dir, 'show', 'slow:other.yaml')).toBe('opt:\n  momentum: 0.5  # heavy ball\n');
  // slow ran after tune, in the same workspace: lr 0.1 too
  expect(git(t.dir, 'show', 'slow:params.yaml')).toBe('# experiment params\ntrain:\n  lr: 0.1   # learning rate\n  epochs: 2\n');
  const short = t.base.slice(0, 7);
  expect(git(t.dir, 'log', '-1', '--format=%B', 'slow')).toContain(`\n\nParams that differ from ${short}:\n  train.lr: 0.01 -> 0.1\n  other.yaml:opt.momentum: 0.9 -> 0.5\n`);
});
