// A record without pipeline.lock (hand-edited, or a run before there was one): `pipe exp branch`
// still commits what it holds (params, record), and says, in the commit and on the terminal,
// that `pipe repro` makes the outputs.
import { beforeEach, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git } from './helpers.js';
import { pipeGit, useBranchProject } from './branch-project.js';

const t = useBranchProject();
beforeEach(() => {
  const path = join(t.dir, t.record);
  writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), pipeline_lock: null }, null, 2));
});

test('no lock in the record: params committed, the lock as the base has it, said twice', () => {
  const { base, record } = t;
  const short = base.slice(0, 7);
  const r = pipeGit(t.dir, 'exp', 'branch', 'tune', 'tune-lr');
  expect([r.code, r.stdout]).toEqual([0, `Created branch 'tune-lr' from experiment 'tune' (on ${short}): git checkout tune-lr && pipe repro makes its outputs (its record holds no pipeline.lock)\n`]);
  expect(git(t.dir, 'diff', '--name-only', base, 'tune-lr').split('\n').filter(Boolean)).toEqual(['params.yaml']);
  expect(git(t.dir, 'log', '-1', '--format=%B', 'tune-lr')).toContain(
    `  train.lr: 0.01 -> 0.1\n\nIts record holds no pipeline.lock: this commit has its params, not its lock; \`pipe repro\` makes its outputs.\n`,
  );
});
