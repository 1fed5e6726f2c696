// The two-sided p of Student's t, for whole degrees of freedom: against the critical values every
// t table prints (p = 0.05 and 0.01) and the closed forms of df 1 and 2.
import { expect, test } from 'vitest';
import { twoSidedP } from '../../src/experiments/student-t.js';

test('the tables\' critical values give p = 0.05 and p = 0.01', () => {
  const at05: [number, number][] = [[1, 12.7062047], [2, 4.30265273], [3, 3.18244631], [4, 2.77644511], [7, 2.36462425], [10, 2.22813885], [30, 2.04227246]];
  for (const [df, t] of at05) expect(twoSidedP(t, df)).toBeCloseTo(0.05, 7);
  const at01: [number, number][] = [[1, 63.6567412], [5, 4.03214298], [9, 3.24983554], [20, 2.84533971]];
  for (const [df, t] of at01) expect(twoSidedP(t, df)).toBeCloseTo(0.01, 7);
});

test('closed forms: Cauchy for df 1, 1 - t / sqrt(t² + 2) for df 2; symmetric in t', () => {
  for (const t of [0.3, 1, 2.5, 40]) {
    expect(twoSidedP(t, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(t), 12);
    expect(twoSidedP(t, 2)).toBeCloseTo(1 - t / Math.sqrt(t * t + 2), 12);
    expect(twoSidedP(-t, 7)).toBe(twoSidedP(t, 7));
  }
});

test('edges: t = 0 gives 1, an infinite t gives 0, p falls as df grows at a fixed t', () => {
  expect(twoSidedP(0, 5)).toBe(1);
  expect(twoSidedP(Infinity, 3)).toBe(0);
  expect(twoSidedP(2, 3)).toBeGreaterThan(twoSidedP(2, 30));
  expect(twoSidedP(2, 30)).toBeGreaterThan(2 * (1 - 0.977249868)); // the normal limit, p(|Z| >= 2)
  expect(() => twoSidedP(1, 0)).toThrow('degrees of freedom must be a whole number >= 1, got 0');
  expect(() => twoSidedP(1, 2.5)).toThrow('got 2.5');
});
