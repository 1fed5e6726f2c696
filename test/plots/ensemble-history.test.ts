// A training history with a `member` column (train.ensemble > 1) plots one line per network and
// metric instead of one line zigzagging back to epoch 1 at each new member.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, tempDir, writeFiles } from '../experiments/helpers.js';
import { history, PLOTS_PIPELINE } from './fixtures.js';

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = tempDir('pipe-plots-ens-'));
  const rows = [...history(4).map((r) => ({ member: 1, ...r })), ...history(3, 0.8).map((r) => ({ member: 2, ...r }))];
  writeFiles(dir, { 'pipeline.yaml': PLOTS_PIPELINE.replace('      - metrics/confusion.json:\n          title: Confusion on the test split\n', ''), 'metrics/train_history.json': rows });
});
afterAll(() => cleanup());

test('each member gets its own loss and val_loss lines', () => {
  const r = pipe(dir, 'plots', 'show', '--out', 'out');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const loss = readFileSync(join(dir, 'out', 'train_history-loss.svg'), 'utf8');
  // 2 members x (loss, val_loss)
  expect(loss.match(/aria-roledescription="line mark"/g)?.length).toBe(4);
});

test('a history without members keeps one line per metric', () => {
  writeFiles(dir, { 'metrics/train_history.json': history(4) });
  const r = pipe(dir, 'plots', 'show', '--out', 'out2');
  expect(r.code).toBe(0);
  const loss = readFileSync(join(dir, 'out2', 'train_history-loss.svg'), 'utf8');
  expect(loss.match(/aria-roledescription="line mark"/g)?.length).toBe(2);
});
