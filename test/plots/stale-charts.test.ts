// Drawing again into a folder pipe drew into before: the charts of the page replaced that the new
// page does not have are removed, so the folder holds what its index.html shows; files pipe did
// not draw stay.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, tempDir, writeFiles } from '../experiments/helpers.js';
import { CONFUSION, history, PLOTS_PIPELINE } from './fixtures.js';

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = tempDir('pipe-stale-charts-'));
  writeFiles(dir, {
    'pipeline.yaml': PLOTS_PIPELINE,
    'metrics/train_history.json': history(4),
    'metrics/confusion.json': CONFUSION,
    'plots/notes.txt': 'mine\n',
    'plots/old-chart.svg': '<svg/>', // a name no page of pipe's ever listed
  });
});
afterAll(() => cleanup());

test('a chart gone from the plots files goes from plots/ at the next drawing; other files stay', () => {
  const first = pipe(dir, 'plots', 'show');
  expect([first.code, first.stderr]).toEqual([0, '']);
  expect(readdirSync(join(dir, 'plots')).filter((f) => f.startsWith('train_history-lr')).sort()).toEqual(['train_history-lr.png', 'train_history-lr.svg']);
  // the history loses its lr field and the confusion matrix leaves the pipeline
  writeFiles(dir, {
    'metrics/train_history.json': history(4).map(({ lr: _lr, ...rest }) => rest),
    'pipeline.yaml': PLOTS_PIPELINE.replace(/ {6}- metrics\/confusion\.json:\n {10}title: .*\n/, ''),
  });
  const second = pipe(dir, 'plots', 'show');
  expect([second.code, second.stderr]).toEqual([0, '']);
  expect(readdirSync(join(dir, 'plots')).sort()).toEqual([
    'index.html', 'notes.txt', 'old-chart.svg',
    'train_history-accuracy.png', 'train_history-accuracy.svg', 'train_history-loss.png', 'train_history-loss.svg',
  ]);
});
