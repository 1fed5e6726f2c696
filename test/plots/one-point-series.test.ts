// A series of one point (a one-epoch run in `pipe plots diff` beside longer runs) is a line of
// length zero, which draws nothing: it gets a dot, and whole-number x gets whole-number ticks.
import { expect, test } from 'vitest';
import { curvesSpec } from '../../src/plots/specs.js';

const kind = { kind: 'curves' as const, x: 'epoch', groups: [['loss']] };

test('a one-point series among longer ones is drawn as a dot; the others stay plain lines', () => {
  const spec = curvesSpec('loss', kind, ['loss'], [
    { label: 'tiny', rows: [{ epoch: 1, loss: 1.5 }] },
    { label: 'long', rows: [{ epoch: 1, loss: 1.4 }, { epoch: 2, loss: 1.2 }] },
  ]) as Record<string, unknown>;
  const values = (spec.data as { values: Record<string, unknown>[] }).values;
  expect(values.filter((v) => v.lone === true)).toEqual([{ x: 1, value: 1.5, metric: 'loss', series: 'tiny', lone: true }]);
  expect(spec.mark).toBeUndefined();
  expect(spec.layer).toEqual([
    { mark: { type: 'line', point: false } },
    { mark: { type: 'point', filled: true, size: 50 }, transform: [{ filter: 'datum.lone' }] },
  ]);
  expect((spec.encoding as { x: { axis: unknown } }).x.axis).toEqual({ tickMinStep: 1, format: 'd' });
});

test('without one-point series the chart is one line mark, as before', () => {
  const spec = curvesSpec('loss', kind, ['loss'], [
    { label: 'a', rows: [{ epoch: 1, loss: 1.4 }, { epoch: 2.5, loss: 1.2 }] },
    { label: 'b', rows: [{ epoch: 1, loss: 1.3 }, { epoch: 2, loss: 1.1 }] },
  ]) as Record<string, unknown>;
  expect(spec.layer).toBeUndefined();
  expect(spec.mark).toEqual({ type: 'line', point: false });
  expect((spec.encoding as { x: { axis: unknown } }).x.axis).toEqual({ tickMinStep: 1 });
});
