// `pipe exp show A B` in a terminal: the params that differ between the experiments shown (the
// point of comparing them) keep a place after the first few metrics, before the later metrics;
// when even they do not fit, the note names them first.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pipeEnv, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [metrics/train.json]\n' });
  const files = (lr: string, v: number) => ({
    'params.yaml': `train:\n  learning_rate: ${lr}\n  epochs: 3\n`,
    'metrics/train.json': { loss: 1 + v, accuracy: v, top_k_accuracy: v + 0.2, macro_f1: v - 0.1, balanced_accuracy: v - 0.05, best_val_loss: 2 + v, best_val_accuracy: v + 0.01 },
  });
  await recordWith(dir, files('0.002', 0.25), { name: 'lr-0.002', at: '2026-11-29T01:00:00Z' });
  await recordWith(dir, files('0.0005', 0.5), { name: 'lr-0.0005', at: '2026-11-29T02:00:00Z' });
});
afterAll(() => cleanup());

const NOTE_TAIL = ': pick columns with --keep/--drop, or see them all with --md, --csv or --json\n';

test('a differing param is shown before the later metrics', () => {
  const full = pipeEnv(dir, {}, 'exp', 'show', 'lr-0.002', 'lr-0.0005');
  expect(full.stdout.split('\n')[0]).toBe(
    'Experiment  Created           loss  accuracy  top_k_accuracy  macro_f1  balanced_accuracy  best_val_loss  best_val_accuracy  train.learning_rate',
  );
  const r = pipeEnv(dir, { COLUMNS: '100' }, 'exp', 'show', 'lr-0.002', 'lr-0.0005');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      'Experiment  Created           loss  accuracy  top_k_accuracy  macro_f1  train.learning_rate',
      'lr-0.002    2026-11-29 01:00  1.25  0.25      0.45            0.15      0.002',
      'lr-0.0005   2026-11-29 02:00  1.5   0.5       0.7             0.4       0.0005',
      '',
    ].join('\n'),
  );
  expect(r.stderr).toBe(`note: 3 more columns did not fit the terminal (balanced_accuracy, best_val_loss, best_val_accuracy)${NOTE_TAIL}`);
});

test('too narrow even for the param: the note names it first', () => {
  const r = pipeEnv(dir, { COLUMNS: '60' }, 'exp', 'show', 'lr-0.002', 'lr-0.0005');
  expect(r.code).toBe(0);
  expect(r.stdout.split('\n')[0]).toBe('Experiment  Created           loss  accuracy  top_k_accuracy');
  expect(r.stderr).toBe(`note: 5 more columns did not fit the terminal (train.learning_rate, macro_f1, balanced_accuracy, ...)${NOTE_TAIL}`);
});
