// `pipe exp branch <exp> <branch>`: a branch whose one new commit sits on the commit the
// experiment ran on and holds its params (as `exp apply` writes them, comments kept), its
// pipeline.lock, its `cache: false` metrics and its record, with the changed params in the message.
import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { git } from './helpers.js';
import { pipeGit, useBranchProject } from './branch-project.js';

const t = useBranchProject();

test('the branch is one commit on the base holding the params, lock and uncached metrics, not the record', () => {
  const { base, record } = t;
  const r = pipeGit(t.dir, 'exp', 'branch', 'tune', 'tune-lr');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    `Created branch 'tune-lr' from experiment 'tune' (on ${base.slice(0, 7)}): git checkout tune-lr && pipe checkout restores its outputs\n`,
    // the workspace still holds the experiment's files: git checkout would refuse to overwrite them
    `note: \`git checkout tune-lr\` refuses while files it changes are changed or untracked here: metrics/train.json, params.yaml, pipeline.lock are already as the branch has them (nothing is lost by \`git checkout -- <file>\` or deleting them)\n`,
  ]);
  expect(git(t.dir, 'rev-parse', 'tune-lr^').trim()).toBe(base);
  expect(git(t.dir, 'rev-list', '--count', `${base}..tune-lr`).trim()).toBe('1');
  expect(git(t.dir, 'diff', '--name-only', base, 'tune-lr').split('\n').filter(Boolean)).toEqual(['metrics/train.json', 'params.yaml', 'pipeline.lock']);

  const rec = JSON.parse(readFileSync(join(t.dir, record), 'utf8')) as { id: string; pipeline_lock: string; uncached_outs: Record<string, string> };
  const show = (p: string) => git(t.dir, 'show', `tune-lr:${p}`);
  expect(show('params.yaml')).toBe('# experiment params\ntrain:\n  lr: 0.1   # learning rate\n  epochs: 2\n');
  expect(show('pipeline.lock')).toBe(rec.pipeline_lock);
  expect(show('metrics/train.json')).toBe(rec.uncached_outs['metrics/train.json']);
  expect(show('metrics/train.json')).toBe('{"val_accuracy":0.4}');
  // the record stays out of the branch: committed there, it would leave this workspace (where it is
  // untracked) at the first checkout back from the branch
  expect(git(t.dir, 'ls-tree', '-r', '--name-only', 'tune-lr', record)).toBe('');
  // the cached output stays in the cache, not in git
  expect(git(t.dir, 'ls-tree', '-r', '--name-only', 'tune-lr', 'model')).toBe('model/.gitignore\n');

  expect(git(t.dir, 'log', '-1', '--format=%B', 'tune-lr')).toBe(
    `pipe exp branch: tune\n\nExperiment ${rec.id} (tune), run on ${base.slice(0, 7)}.\n\nParams that differ from ${base.slice(0, 7)}:\n  train.lr: 0.01 -> 0.1\n\n`,
  );
});
