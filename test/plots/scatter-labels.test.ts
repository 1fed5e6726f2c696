// The scatter of `pipe exp plot`: names placed beside their points without covering each other
// or any point, inside the plot, left off where there is no room; log axes for values that span
// decades, and fixed domains (the placement reckons in pixels from them).
import { expect, test } from 'vitest';
import { labelBox, paddedDomain, placeLabels, type Axis, type Box } from '../../src/plots/label-placement.js';
import { scatterSpec } from '../../src/plots/specs.js';
import { createRng } from '../../src/ml/random.js';

const X: Axis = { min: 0, max: 100, log: false, length: 500 };
const Y: Axis = { min: 0, max: 100, log: false, length: 300 };

const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

test('two points at the same place both get a name, in different spots', () => {
  const [a, b] = placeLabels([{ x: 50, y: 50, label: 'first' }, { x: 50, y: 50, label: 'second' }], X, Y);
  expect(a).toEqual({ x: 258, baseline: 154.5, align: 'left' }); // right of the point (250, 150), centred on it
  expect(b).toEqual({ x: 256, baseline: 167, align: 'left' }); // right, below (right-above would touch the first)
});

test('a point at the right edge is named on its left', () => {
  const [a] = placeLabels([{ x: 99, y: 50, label: 'edge' }], X, Y);
  expect(a).toEqual({ x: 495 - 8, baseline: 154.5, align: 'right' }); // its right end 8 px left of the point
});

test('in a crowd, no name covers another or a point, every name is inside, and some are left off', () => {
  const rng = createRng(7);
  const points = Array.from({ length: 40 }, (_, i) => ({ x: 40 + 20 * rng.next(), y: 40 + 20 * rng.next(), label: `experiment-${i}` }));
  const placed = placeLabels(points, X, Y);
  const boxes = placed.flatMap((at, i) => (at === undefined ? [] : [labelBox(points[i]?.label ?? '', at)]));
  expect(boxes.length).toBeGreaterThan(3);
  expect(boxes.length).toBeLessThan(points.length);
  for (const [i, a] of boxes.entries()) {
    expect(a.left).toBeGreaterThanOrEqual(0);
    expect(a.right).toBeLessThanOrEqual(X.length);
    expect(a.top).toBeGreaterThanOrEqual(0);
    expect(a.bottom).toBeLessThanOrEqual(Y.length);
    for (const b of boxes.slice(i + 1)) expect(overlap(a, b)).toBe(false);
    for (const p of points) {
      const px = (p.x / 100) * X.length;
      const py = Y.length - (p.y / 100) * Y.length;
      expect(overlap(a, { left: px - 5, right: px + 5, top: py - 5, bottom: py + 5 })).toBe(false);
    }
  }
});

test('values spanning decades get a log axis; both axes have fixed, padded domains', () => {
  const points = [
    { label: 'a', x: 0.01, y: 0.3 },
    { label: 'b', x: 0.001, y: 0.5 },
    { label: 'c', x: 0.0001, y: 0.4 },
  ];
  const spec = scatterSpec('t', { x: 'train.lr', y: 'accuracy' }, points) as {
    encoding: { x: { scale: { type: string; domain: number[]; nice: boolean } }; y: { scale: { type: string; domain: number[] } } };
  };
  const x = spec.encoding.x.scale;
  expect(x.type).toBe('log');
  expect(x.nice).toBe(false);
  expect(x.domain[0]).toBeLessThan(0.0001);
  expect(x.domain[1]).toBeGreaterThan(0.01);
  expect(spec.encoding.y.scale.type).toBe('linear');
  expect(spec.encoding.y.scale.domain).toEqual([paddedDomain([0.3, 0.5, 0.4], false).min, paddedDomain([0.3, 0.5, 0.4], false).max]);
  expect(paddedDomain([0.3, 0.5, 0.4], false).min).toBeCloseTo(0.288);
  // one value only: a domain around it, not a point
  expect(paddedDomain([2, 2], false)).toEqual({ min: 1.8, max: 2.2 });
});

test('a name left off draws no text at all (an empty text mark would sit in the corner)', () => {
  const rng = createRng(3);
  const points = Array.from({ length: 60 }, (_, i) => ({ label: `experiment-${i}`, x: 1 + rng.next(), y: 1 + rng.next() }));
  const spec = scatterSpec('t', { x: 'a', y: 'b' }, points) as { data: { values: Record<string, unknown>[] } };
  const named = spec.data.values.filter((v) => v.name !== undefined);
  const unnamed = spec.data.values.filter((v) => v.name === undefined);
  expect(named.length).toBeGreaterThan(0);
  expect(unnamed.length).toBeGreaterThan(0);
  // the text layers filter on `align`: a point without one is in none of them
  for (const v of unnamed) expect(v.align).toBeUndefined();
  for (const v of named) expect(['left', 'right', 'center']).toContain(v.align);
});
