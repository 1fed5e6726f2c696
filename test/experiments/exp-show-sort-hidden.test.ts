// `pipe exp show --sort-by` a param not shown (left out by --drop, or the same in every row
// shown): it still orders the rows; a name that is no column and no param is refused.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [metrics/train.json]\n' });
  const files = (lr: string, acc: number) => ({ 'params.yaml': `train:\n  learning_rate: ${lr}\n  epochs: 3\n`, 'metrics/train.json': { val_accuracy: acc } });
  await recordWith(dir, files('0.1', 0.5), { name: 'a', at: '2026-11-29T01:00:00Z' });
  await recordWith(dir, files('0.01', 0.6), { name: 'b', at: '2026-11-29T02:00:00Z' });
});
afterAll(() => cleanup());

test('a param left out of the table still sorts it', () => {
  const r = pipe(dir, 'exp', 'show', '--drop', 'learning_rate', '--sort-by', 'train.learning_rate', '--csv');
  expect([r.code, r.stdout.split('\n').map((l) => l.split(',')[0])]).toEqual([0, ['Experiment', 'b', 'a', '']]);
  // the same in every row (train.epochs) is no column either, and sorts without complaint
  expect(pipe(dir, 'exp', 'show', '--sort-by', 'train.epochs', '--csv').code).toBe(0);
  const bad = pipe(dir, 'exp', 'show', '--sort-by', 'train.nope');
  expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([2, 'error: --sort-by train.nope: no such column']);
});
