// `pipe exp show` in a terminal (or with $COLUMNS): the columns that do not fit are left out and
// named, metrics first so that params are what goes; piped to a file it prints every column.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pipe, pipeEnv, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [metrics/train.json]\n' });
  const params = (lr: string, wd: string) => `train:\n  learning_rate: ${lr}\n  weight_decay: ${wd}\n  dropout_dense: ${lr === '0.1' ? 0.3 : 0.5}\n`;
  await recordWith(dir, { 'params.yaml': params('0.1', '0.5'), 'metrics/train.json': { val_accuracy: 0.5, val_loss: 1.2 } }, { name: 'a', at: '2026-11-29T01:00:00Z' });
  await recordWith(dir, { 'params.yaml': params('0.01', '0.2'), 'metrics/train.json': { val_accuracy: 0.6, val_loss: 1.1 } }, { name: 'b', at: '2026-11-29T02:00:00Z' });
});
afterAll(() => cleanup());

const FULL = 'Experiment  Created           val_accuracy  val_loss  train.learning_rate  train.weight_decay  train.dropout_dense';

test('COLUMNS=60: the rows stop before the first column that would pass 60 characters', () => {
  const r = pipeEnv(dir, { COLUMNS: '60' }, 'exp', 'show');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    ['Experiment  Created           val_accuracy  val_loss', 'a           2026-11-29 01:00  0.5           1.2', 'b           2026-11-29 02:00  0.6           1.1', ''].join('\n'),
  );
  expect(r.stderr).toBe(
    'note: 3 more columns did not fit the terminal (train.learning_rate, train.weight_decay, train.dropout_dense): pick columns with --keep/--drop, or see them all with --md, --csv or --json\n',
  );
  expect(r.stdout.split('\n').every((l) => l.length <= 60)).toBe(true);
  // exactly as wide as everything: nothing left out
  const wide = pipeEnv(dir, { COLUMNS: String(FULL.length) }, 'exp', 'show');
  expect([wide.stdout.split('\n')[0], wide.stderr]).toEqual([FULL, '']);
  // the other renderings are never cut
  expect(pipeEnv(dir, { COLUMNS: '20' }, 'exp', 'show', '--csv').stdout.split('\n')[0]).toBe(FULL.replace(/ {2,}/g, ','));
});

test('no terminal and no $COLUMNS: every column', () => {
  const r = pipe(dir, 'exp', 'show');
  expect([r.stdout.split('\n')[0], r.stderr]).toEqual([FULL, '']);
});
