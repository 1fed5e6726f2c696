// `pipe exp show` in a narrow terminal keeps first the columns that tell the experiments shown
// apart: one whose cells read the same in every row gives way, wherever it stands, and the note
// says how many of those left out are alike. Shown columns keep their order.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pipeEnv, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  base:\n    cmd: x\n    metrics: [metrics/base.json]\n  train:\n    cmd: y\n    metrics: [metrics/train.json]\n' });
  const files = (lr: string, acc: number) => ({
    'params.yaml': `train:\n  learning_rate: ${lr}\n`,
    // the baseline's file sorts first and is the same in both runs
    'metrics/base.json': { base_accuracy: 0.25 },
    'metrics/train.json': { val_accuracy: acc },
  });
  await recordWith(dir, files('0.1', 0.5), { name: 'a', at: '2026-11-29T01:00:00Z' });
  await recordWith(dir, files('0.01', 0.6), { name: 'b', at: '2026-11-29T02:00:00Z' });
});
afterAll(() => cleanup());

test('a column alike in every row is left out before those that differ', () => {
  const full = pipeEnv(dir, {}, 'exp', 'show');
  expect(full.stdout.split('\n')[0]).toBe('Experiment  Created           base_accuracy  val_accuracy  train.learning_rate');
  const r = pipeEnv(dir, { COLUMNS: '63' }, 'exp', 'show');
  expect([r.code, r.stdout]).toEqual([
    0,
    ['Experiment  Created           val_accuracy  train.learning_rate', 'a           2026-11-29 01:00  0.5           0.1', 'b           2026-11-29 02:00  0.6           0.01', ''].join('\n'),
  ]);
  expect(r.stderr).toBe(
    'note: 1 more column did not fit the terminal (base_accuracy; it reads the same in every experiment shown): pick columns with --keep/--drop, or see them all with --md, --csv or --json\n',
  );
  // a column too wide is passed over; a narrower one after it still gets the room left
  const gap = pipeEnv(dir, { COLUMNS: '57' }, 'exp', 'show');
  expect(gap.stdout.split('\n')[0]).toBe('Experiment  Created           base_accuracy  val_accuracy');
  expect(gap.stderr).toBe('note: 1 more column did not fit the terminal (train.learning_rate): pick columns with --keep/--drop, or see them all with --md, --csv or --json\n');
  // one experiment alone: every column is alike, so the order is the table's own
  const one = pipeEnv(dir, { COLUMNS: '45' }, 'exp', 'show', 'a');
  expect(one.stdout.split('\n')[0]).toBe('Experiment  Created           base_accuracy');
});
