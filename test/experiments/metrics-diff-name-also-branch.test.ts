// An experiment name that is also a git branch (`pipe exp branch lr lr`): `metrics diff` compares
// the experiment, as it always looked names up first, and says so; the commit id names the branch's.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { commitAll, git, gitInit, PIPELINE, pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  gitInit(dir);
  writeFiles(dir, { 'pipeline.yaml': PIPELINE, 'params.yaml': 'train:\n  lr: 0.01\n', 'metrics/train.json': { loss: 1.5 }, 'metrics/eval.json': { accuracy: 0.4 } });
  commitAll(dir, 'first');
  await recordWith(dir, { 'metrics/train.json': { loss: 1.25 } }, { name: 'lr', at: '2026-11-29T01:00:00Z' });
  git(dir, 'branch', 'lr');
});
afterAll(() => cleanup());

test('the experiment is compared, with a note naming the ambiguity', () => {
  const r = pipe(dir, 'metrics', 'diff', 'HEAD', 'lr');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('Path                Metric  HEAD  lr    Change\nmetrics/train.json  loss    1.5   1.25  -0.25\n');
  expect(r.stderr).toBe("note: 'lr' names both an experiment and a git revision: compared the experiment (name the revision by its commit id to compare that)\n");
});

test('an experiment whose name git does not know gets no note', () => {
  git(dir, 'branch', '-D', 'lr');
  const r = pipe(dir, 'metrics', 'diff', 'HEAD', 'lr');
  expect([r.code, r.stderr]).toEqual([0, '']);
});
