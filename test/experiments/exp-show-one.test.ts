// `pipe exp show NAME` with one experiment: every param shows (with several, only those that
// differ: one alone has none that differ, and showed no params at all).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [metrics/train.json]\n' });
  await recordWith(dir, { 'params.yaml': 'train:\n  lr: 0.1\n  epochs: 5\n', 'metrics/train.json': { val_loss: 1.2 } }, { name: 'a', at: '2026-11-29T01:00:00Z' });
  await recordWith(dir, { 'params.yaml': 'train:\n  lr: 0.01\n  epochs: 5\n', 'metrics/train.json': { val_loss: 1.1 } }, { name: 'b', at: '2026-11-29T02:00:00Z' });
});
afterAll(() => cleanup());

test('one experiment: all its params; two: the one that differs', () => {
  expect(pipe(dir, 'exp', 'show', 'a', '--csv').stdout).toBe('Experiment,Created,val_loss,train.lr,train.epochs\na,2026-11-29T01:00:00.000Z,1.2,0.1,5\n');
  expect(pipe(dir, 'exp', 'show', 'a', 'b', '--csv').stdout.split('\n')[0]).toBe('Experiment,Created,val_loss,train.lr');
});
