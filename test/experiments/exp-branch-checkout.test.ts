// What `pipe exp branch` promises: after `git checkout <branch>`, `pipe status` sees the
// experiment's outputs to restore and `pipe checkout` restores them from the cache, byte for
// byte as the experiment made them, without running the stage; git then sees a clean checkout.
import { expect, test } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { git } from './helpers.js';
import { pipeGit, useBranchProject } from './branch-project.js';

const t = useBranchProject();

const bytes = (p: string) => readFileSync(join(t.dir, p));

test('git checkout of the branch, then pipe checkout: the experiment outputs, byte for byte', () => {
  const made = { weights: bytes('model/weights.txt'), metrics: bytes('metrics/train.json') };
  expect(made.weights.toString()).toBe('weights for lr 0.1\n');
  expect(pipeGit(t.dir, 'exp', 'branch', 'tune', 'tune-lr').code).toBe(0);

  // back to the committed base run, as the note says: the files git would refuse to overwrite
  // are the branch's already, so putting them back loses nothing
  git(t.dir, 'checkout', '--', '.');
  rmSync(join(t.dir, t.record));
  expect(pipeGit(t.dir, 'checkout').code).toBe(0);
  expect(bytes('model/weights.txt').toString()).toBe('weights for lr 0.01\n');

  git(t.dir, 'checkout', '-q', 'tune-lr');
  const status = pipeGit(t.dir, 'status');
  expect([status.code, status.stdout]).toEqual([0, "train: would be restored from cache (out 'model/weights.txt' out of date with pipeline.lock)\n1 would be restored.\n"]);
  const checkout = pipeGit(t.dir, 'checkout');
  expect([checkout.code, checkout.stdout]).toEqual([0, 'train: metrics/train.json: up to date\ntrain: model/weights.txt: restored from cache\n1 output restored.\n']);
  expect(bytes('model/weights.txt').equals(made.weights)).toBe(true);
  expect(bytes('metrics/train.json').equals(made.metrics)).toBe(true);
  expect(pipeGit(t.dir, 'status').stdout).toBe('Everything is up to date.\n');
  expect(git(t.dir, 'status', '--porcelain')).toBe('');
  expect(bytes('.runs').toString()).toBe('ran\nran\n'); // the base run and tune only
});
