import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/ml/random.js';
import { beta, gamma, Mixup } from '../../src/ml/train/mixup.js';

describe('mixup', () => {
  it('draws Gamma and Beta with the right means and variances', () => {
    const rng = createRng(1);
    const n = 20000;
    for (const shape of [0.2, 1, 3.5]) {
      const xs = Array.from({ length: n }, () => gamma(shape, rng));
      const mean = xs.reduce((a, b) => a + b, 0) / n;
      // Gamma(k, 1): mean k, standard deviation sqrt(k); the tolerance is 5 standard errors
      expect(Math.abs(mean - shape)).toBeLessThan((5 * Math.sqrt(shape)) / Math.sqrt(n));
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    }
    for (const a of [0.2, 2]) {
      const xs = Array.from({ length: n }, () => beta(a, a, rng));
      const mean = xs.reduce((s, v) => s + v, 0) / n;
      const variance = xs.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
      expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
      // Beta(a, a): variance 1 / (4 (2a + 1))
      expect(variance).toBeCloseTo(1 / (4 * (2 * a + 1)), 2);
    }
  });

  it('blends each image and its target with one partner by the same weight in [0.5, 1]', () => {
    const m = 6;
    const pixels = 5;
    const classes = 3;
    // image k holds the value k everywhere; its one-hot target is class k % 3
    const x = Float32Array.from({ length: m * pixels }, (_, i) => Math.floor(i / pixels));
    const y = new Float32Array(m * classes);
    for (let k = 0; k < m; k++) y[k * classes + (k % classes)] = 1;
    const mixup = new Mixup(0.4, createRng(3), 8, pixels, classes);
    const lambda = mixup.apply(x, y, m);
    expect(lambda).toBeGreaterThanOrEqual(0.5);
    expect(lambda).toBeLessThanOrEqual(1);
    const partners: number[] = [];
    for (let k = 0; k < m; k++) {
      const img = Array.from(x.subarray(k * pixels, (k + 1) * pixels));
      // every pixel the same blend, from which the partner's value follows
      expect(new Set(img).size).toBe(1);
      const partner = lambda === 1 ? k : Math.round((img[0]! - lambda * k) / (1 - lambda));
      expect(img[0]).toBeCloseTo(lambda * k + (1 - lambda) * partner, 5);
      partners.push(partner + 0); // -0 (a tiny negative rounded) becomes 0
      const target = Array.from(y.subarray(k * classes, (k + 1) * classes));
      expect(target.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      expect(target[k % classes]).toBeGreaterThanOrEqual(lambda - 1e-6);
    }
    // the partners are a permutation of the batch
    expect([...partners].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('is a function of the seed, and refuses alpha 0 (off means no Mixup at all)', () => {
    const run = (seed: number) => {
      const x = Float32Array.from({ length: 40 }, (_, i) => i);
      const y = Float32Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 1 : 0));
      new Mixup(0.2, createRng(seed), 8, 5, 2).apply(x, y, 8);
      return [...x, ...y];
    };
    expect(run(4)).toEqual(run(4));
    expect(run(4)).not.toEqual(run(5));
    expect(() => new Mixup(0, createRng(1), 8, 5, 2)).toThrow('mixup needs alpha > 0, got 0');
  });
});
