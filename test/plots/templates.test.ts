// Each template a plots entry may name draws what it says (DVC's names): scatter is points,
// simple is lines alone, smooth a loess curve through faint points, confusion colours by count,
// bar_horizontal(_sorted) draws one bar per row. Detection without a template calls
// actual/predicted a confusion matrix only when they hold class labels.
import { expect, test } from 'vitest';
import { detectKind, type CurvesKind } from '../../src/plots/detect.js';
import { barsSpec, confusionSpec, curvesSpec } from '../../src/plots/specs.js';

const XY = [{ y_true: 3, y_pred: 2.5 }, { y_true: 1, y_pred: 1.2 }];
const series = (rows: Record<string, unknown>[]) => [{ label: 'workspace', rows }];

test('scatter: points, no line', () => {
  const kind = detectKind('sc.csv', XY, { template: 'scatter', x: 'y_true', y: 'y_pred' });
  expect(kind).toEqual({ ok: true, value: { kind: 'curves', x: 'y_true', groups: [['y_pred']], style: 'scatter' } });
  const spec = curvesSpec('t', (kind as { value: CurvesKind }).value, ['y_pred'], series(XY));
  expect(spec.mark).toEqual({ type: 'point', filled: true, size: 50 });
  expect(spec.layer).toBeUndefined();
});

test('simple: lines without points; linear (and no template): lines with points', () => {
  const rows = [{ epoch: 1, loss: 1 }, { epoch: 2, loss: 0.5 }];
  const simple = detectKind('h.json', rows, { template: 'simple' });
  expect(simple).toEqual({ ok: true, value: { kind: 'curves', x: 'epoch', groups: [['loss']], style: 'simple' } });
  expect(curvesSpec('t', (simple as { value: CurvesKind }).value, ['loss'], series(rows)).mark).toEqual({ type: 'line', point: false });
  const linear = detectKind('h.json', rows, { template: 'linear' });
  expect(linear).toEqual(detectKind('h.json', rows, {}));
  expect(curvesSpec('t', (linear as { value: CurvesKind }).value, ['loss'], series(rows)).mark).toEqual({ type: 'line', point: true });
});

test('smooth: faint points and a loess line per series and metric', () => {
  const rows = [{ step: 1, loss: 1 }, { step: 2, loss: 0.7 }, { step: 3, loss: 0.8 }];
  const kind = detectKind('h.json', rows, { template: 'smooth' });
  expect(kind).toEqual({ ok: true, value: { kind: 'curves', x: 'step', groups: [['loss']], style: 'smooth' } });
  const spec = curvesSpec('t', (kind as { value: CurvesKind }).value, ['loss'], series(rows));
  expect(spec.layer).toEqual([
    { mark: { type: 'point', filled: true, size: 25, opacity: 0.35 } },
    { mark: { type: 'line' }, transform: [{ loess: 'value', on: 'x', groupby: ['series', 'metric'] }] },
  ]);
});

test('confusion colours by count, confusion_normalized (and detection) by row share', () => {
  const rows = [{ actual: 'cat', predicted: 'dog' }, { actual: 'cat', predicted: 'cat' }];
  const counts = detectKind('c.csv', rows, { template: 'confusion' });
  expect(counts).toEqual({ ok: true, value: { kind: 'confusion', actual: 'actual', predicted: 'predicted', count: undefined, byCount: true } });
  const normalized = detectKind('c.csv', rows, { template: 'confusion_normalized' });
  expect(normalized).toEqual(detectKind('c.csv', rows, {}));
  const colour = (k: typeof counts) => {
    if (!k.ok || k.value.kind !== 'confusion') throw new Error('not a confusion kind');
    return ((confusionSpec('t', k.value, series(rows)).layer as { encoding: { color: { field: string } } }[])[0]?.encoding.color.field);
  };
  expect(colour(counts)).toBe('count');
  expect(colour(normalized)).toBe('rate');
});

test('bar_horizontal: x the value, y the category, in data order; _sorted: longest first', () => {
  const rows = [{ feature: 'age', importance: 0.3 }, { feature: 'income', importance: 0.5 }];
  const bars = detectKind('fi.csv', rows, { template: 'bar_horizontal' });
  expect(bars).toEqual({ ok: true, value: { kind: 'bars', value: 'importance', category: 'feature', sorted: false } });
  const sorted = detectKind('fi.csv', rows, { template: 'bar_horizontal_sorted', x: 'importance', y: 'feature' });
  expect(sorted).toEqual({ ok: true, value: { kind: 'bars', value: 'importance', category: 'feature', sorted: true } });
  if (!sorted.ok || sorted.value.kind !== 'bars') throw new Error('not bars');
  const spec = barsSpec('t', sorted.value, series(rows));
  expect(spec.mark).toBe('bar');
  expect((spec.encoding as { y: { sort: unknown } }).y.sort).toBe('-x');
  expect(spec.data).toEqual({ values: [{ category: 'age', value: 0.3, series: 'workspace' }, { category: 'income', value: 0.5, series: 'workspace' }] });
  expect(detectKind('fi.csv', [{ importance: 0.3 }], { template: 'bar_horizontal' })).toEqual({
    ok: false,
    failure: {
      message: "bar_horizontal needs a numeric field for x (the bar's length) and a field for y (the bar's name) (found: importance)",
      where: 'fi.csv',
      hint: 'set x and y in the plots entry of pipeline.yaml',
      exitCode: 1,
    },
  });
});

test('actual/predicted holding a regression\'s numbers are curves, with a note; class ids stay a matrix', () => {
  const regression = [{ actual: 8, predicted: 6.79 }, { actual: 9.5, predicted: 8.49 }];
  const kind = detectKind('preds.csv', regression, {});
  expect(kind.ok && kind.value.kind).toBe('curves');
  expect(kind.ok && kind.value.kind === 'curves' && kind.value.note).toBe(
    "preds.csv: 'actual' and 'predicted' hold numbers that are not class labels, so it is drawn as curves, not as a confusion matrix (`template: scatter` with `x: actual` and `y: predicted` draws one against the other; `template: confusion` forces the matrix)",
  );
  // whole numbers with few distinct values are class ids
  const ids = [{ actual: 0, predicted: 1 }, { actual: 2, predicted: 2 }];
  expect(detectKind('ids.csv', ids, {})).toEqual({ ok: true, value: { kind: 'confusion', actual: 'actual', predicted: 'predicted', count: undefined } });
  // many distinct whole numbers: a regression on integers, unless a count says it is a matrix
  const many = Array.from({ length: 30 }, (_, i) => ({ actual: i, predicted: i + 1 }));
  expect(detectKind('n.csv', many, {}).ok && (detectKind('n.csv', many, {}) as { value: { kind: string } }).value.kind).toBe('curves');
  const counted = many.map((r) => ({ ...r, count: 2 }));
  expect((detectKind('n.csv', counted, {}) as { value: { kind: string } }).value.kind).toBe('confusion');
});

test('an unknown template is refused, naming the known ones', () => {
  expect(detectKind('sc.csv', XY, { template: 'smoothy' })).toEqual({
    ok: false,
    failure: {
      message: "unknown template 'smoothy' (known: linear, simple, scatter, smooth, confusion, confusion_normalized, bar_horizontal, bar_horizontal_sorted)",
      where: 'sc.csv',
      exitCode: 2,
    },
  });
});
