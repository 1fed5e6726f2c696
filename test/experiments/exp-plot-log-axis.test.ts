// `pipe exp plot` with an axis whose values span decades (learning rates): the axis is
// logarithmic, and nothing but pipe's own lines reaches stderr (no Vega-Lite warning about a
// scale property that a log scale does not take).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('pipe-exp-plot-log-'));
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [metrics/eval.json]\n' });
  for (const [i, [lr, acc, loss]] of ([['0.1', 0.3, 2], ['0.01', 0.5, 0.2], ['0.001', 0.4, 0.02]] as const).entries()) {
    await recordWith(dir, { 'params.yaml': `train:\n  lr: ${lr}\n`, 'metrics/eval.json': { accuracy: acc, loss } }, { name: `lr-${lr}`, at: `2026-11-29T0${i + 1}:00:00Z` });
  }
});
afterAll(() => cleanup());

test('log axes, x and y: the chart is written and stderr stays empty', () => {
  const r = pipe(dir, 'exp', 'plot', 'train.lr', 'loss', '-o', 'out');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(`wrote ${join(dir, 'out')}/index.html (1 chart; an SVG and a PNG each in ${join(dir, 'out')})\n`);
  const svg = readFileSync(join(dir, 'out', 'exp-loss-train.lr.svg'), 'utf8');
  expect(svg.match(/aria-roledescription="point"/g)?.length).toBe(3);
});
