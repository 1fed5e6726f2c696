// `pipe plots show`/`diff` and `pipe exp plot` write their charts to plots/ (or -o DIR). They
// refuse (exit 2, writing nothing) when a chart file would land in a stage's declared output,
// which would then never be up to date and whose next restore would delete the charts.
import { existsSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { pipe, recordWith, tempDir, writeFiles } from '../experiments/helpers.js';
import { history } from './fixtures.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir('pipe-plots-out-'));
});
afterEach(() => cleanup());

const PIPELINE = `stages:
  figs:
    cmd: mkdir -p plots && echo png > plots/fig1.png
    outs: [plots]
  train:
    cmd: node train.js
    metrics: [metrics/train.json]
    plots:
      - metrics/history.json:
          cache: false
`;

test('plots show into a declared out: refused, naming the stage and out; -o elsewhere works', () => {
  writeFiles(dir, { 'pipeline.yaml': PIPELINE, 'metrics/history.json': history(3), 'plots/fig1.png': 'png\n' });
  const r = pipe(dir, 'plots', 'show');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: cannot write the charts to plots/: it is out 'plots' of stage 'figs', and writing there would change that out\n" +
      'hint: write them elsewhere with -o DIR (e.g. -o pipe_plots)\n',
  ]);
  expect(readdirSync(join(dir, 'plots'))).toEqual(['fig1.png']);
  const inside = pipe(dir, 'plots', 'diff', 'workspace', 'workspace', '-o', 'plots/charts');
  expect([inside.code, inside.stderr]).toEqual([
    2,
    "error: cannot write the charts to plots/charts/: it is inside out 'plots' of stage 'figs', and writing there would change that out\n" +
      'hint: give -o a folder that no stage declares as an output\n',
  ]);
  expect(existsSync(join(dir, 'plots/charts'))).toBe(false);
  const elsewhere = pipe(dir, 'plots', 'show', '-o', 'pipe_plots');
  expect([elsewhere.code, elsewhere.stderr]).toEqual([0, '']);
  expect(readdirSync(join(dir, 'pipe_plots')).sort()).toEqual(['history-accuracy.png', 'history-accuracy.svg', 'history-loss.png', 'history-loss.svg', 'history-lr.png', 'history-lr.svg', 'index.html']);
});

test('a chart file that is itself a declared out is named', () => {
  writeFiles(dir, {
    'pipeline.yaml': 'stages:\n  train:\n    cmd: node train.js\n    outs: [plots/history-loss.svg]\n    plots: [metrics/history.json]\n',
    'metrics/history.json': history(3),
  });
  const r = pipe(dir, 'plots', 'show');
  expect([r.code, r.stderr]).toEqual([
    2,
    "error: cannot write the charts to plots/: plots/history-loss.svg is out 'plots/history-loss.svg' of stage 'train'\n" +
      'hint: write them elsewhere with -o DIR (e.g. -o pipe_plots)\n',
  ]);
  expect(existsSync(join(dir, 'plots'))).toBe(false);
});

test('exp plot into a declared out: refused the same way', async () => {
  writeFiles(dir, { 'pipeline.yaml': PIPELINE });
  await recordWith(dir, { 'metrics/train.json': { acc: 0.5, loss: 1 } }, { name: 'a', at: '2026-11-29T01:00:00Z' });
  await recordWith(dir, { 'metrics/train.json': { acc: 0.6, loss: 0.8 } }, { name: 'b', at: '2026-11-29T02:00:00Z' });
  const r = pipe(dir, 'exp', 'plot', 'loss', 'acc');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: cannot write the charts to plots/: it is out 'plots' of stage 'figs', and writing there would change that out\n" +
      'hint: write them elsewhere with -o DIR (e.g. -o pipe_plots)\n',
  ]);
  expect(existsSync(join(dir, 'plots'))).toBe(false);
});

test('-o through a symlink to a declared out is refused as the out itself', () => {
  writeFiles(dir, { 'pipeline.yaml': PIPELINE, 'metrics/history.json': history(3), 'plots/fig1.png': 'png\n' });
  symlinkSync('plots', join(dir, 'lnk'));
  const r = pipe(dir, 'plots', 'show', '-o', 'lnk');
  expect([r.code, r.stderr]).toEqual([
    2,
    "error: cannot write the charts to plots/: it is out 'plots' of stage 'figs', and writing there would change that out\nhint: give -o a folder that no stage declares as an output\n",
  ]);
  expect(readdirSync(join(dir, 'plots'))).toEqual(['fig1.png']);
});
