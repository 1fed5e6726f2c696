// `pipe plots show` on a plots entry of each template: every chart renders, with the marks the
// template names (points for scatter, bars for bar_horizontal, count labels for confusion).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pipe, tempDir, writeFiles } from '../experiments/helpers.js';

let dir: string;
let cleanup: () => void;
let result: ReturnType<typeof pipe>;

beforeAll(() => {
  ({ dir, cleanup } = tempDir('pipe-templates-'));
  writeFiles(dir, {
    'pipeline.yaml': `stages:
  s:
    cmd: node s.js
    plots:
      - sc.csv:
          template: scatter
          x: y_true
          y: y_pred
      - h.csv:
          template: smooth
      - fi.csv:
          template: bar_horizontal_sorted
          x: importance
          y: feature
      - cm.csv:
          template: confusion
      - preds.csv
`,
    'sc.csv': 'y_true,y_pred\n3,2.5\n1,1.2\n2,2.2\n',
    'h.csv': 'epoch,loss\n1,0.9\n2,0.5\n3,0.45\n4,0.3\n5,0.32\n6,0.2\n',
    'fi.csv': 'feature,importance\nage,0.3\nincome,0.5\nzip,0.1\n',
    'cm.csv': 'actual,predicted\ncat,dog\ncat,cat\ndog,dog\n',
    'preds.csv': 'actual,predicted\n8,6.79\n9.5,8.49\n',
  });
  result = pipe(dir, 'plots', 'show', '-o', 'out');
});
afterAll(() => cleanup());

const svg = (id: string) => readFileSync(join(dir, 'out', `${id}.svg`), 'utf8');

test('every chart is written; the regression file is curves, with a note', () => {
  expect(result.code).toBe(0);
  expect(result.stdout).toBe(`wrote ${join(dir, 'out')}/index.html (6 charts; an SVG and a PNG each in ${join(dir, 'out')})\n`);
  expect(result.stderr).toBe(
    "note: preds.csv: 'actual' and 'predicted' hold numbers that are not class labels, so it is drawn as curves, not as a confusion matrix (`template: scatter` with `x: actual` and `y: predicted` draws one against the other; `template: confusion` forces the matrix)\n",
  );
});

test('scatter: points only, titled y against x', () => {
  const s = svg('sc-y_pred');
  expect(s).toContain('y_pred against y_true');
  expect(s.match(/aria-roledescription="point"/g)?.length).toBe(3);
  expect(s).not.toContain('aria-roledescription="line mark"');
});

test('smooth: the points faint, and one line', () => {
  const s = svg('h-loss');
  const points = s.match(/<path [^>]*aria-roledescription="point"[^>]*>/g) ?? [];
  expect(points).toHaveLength(6);
  expect(points.every((p) => p.includes('opacity="0.35"'))).toBe(true); // faint: the curve is the loess line
  expect(s.match(/aria-roledescription="line mark"/g)?.length).toBe(1);
});

test('bar_horizontal_sorted: one bar per row, longest first', () => {
  const s = svg('fi');
  expect(s.match(/aria-roledescription="bar"/g)?.length).toBe(3);
  const order = ['income', 'age', 'zip'].map((f) => s.indexOf(`>${f}</text>`));
  expect(order.every((at) => at > 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
});

test('confusion: counts in the cells, coloured by count', () => {
  const s = svg('cm');
  expect(s).toContain('confusion matrix (cm)');
  const cells = [...s.matchAll(/aria-roledescription="text mark"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  expect(cells).toEqual(['1', '1', '0', '1']); // no row shares
  expect(s).toContain('>count</text>'); // the colour legend's title
});
