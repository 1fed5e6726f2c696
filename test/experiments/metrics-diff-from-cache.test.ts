// Metrics are outputs and often not committed: at a git revision, `pipe metrics diff` reads
// them from the cache through the pipeline.lock committed at that revision, and says so.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { commitAll, gitInit, pipe, tempDir, TRAIN_PROJECT, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  gitInit(dir);
  writeFiles(dir, { ...TRAIN_PROJECT, '.gitignore': 'metrics/\ncache/\n.pipe/\nruns.log\n' });
  expect(pipe(dir, 'repro').code).toBe(0);
  commitAll(dir, 'lr 0.01: lock committed, metrics ignored');
  expect(pipe(dir, 'exp', 'run', '-S', 'train.lr=0.25').code).toBe(0);
});
afterEach(() => cleanup());

test('HEAD side comes from the cache object its lock names', () => {
  const r = pipe(dir, 'metrics', 'diff');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('Path                Metric        HEAD  workspace  Change\nmetrics/train.json  val_accuracy  0.49  0.25       -0.24\n');
  expect(r.stderr).toBe('note: metrics/train.json at HEAD: read from the cache (pipeline.lock at that revision)\n');
});
