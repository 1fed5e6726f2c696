// BatchMatMul with transposes and batches (routed to XNNPACK's plain product) agrees with cpu.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareBackends, initBoth, randomValues, TOLERANCE } from './compare.js';

const CASES: Array<{ a: number[]; b: number[]; ta: boolean; tb: boolean }> = [
  { a: [5, 7], b: [7, 3], ta: false, tb: false },
  { a: [7, 5], b: [7, 3], ta: true, tb: false },
  { a: [5, 7], b: [3, 7], ta: false, tb: true },
  { a: [7, 5], b: [3, 7], ta: true, tb: true },
  { a: [4, 5, 7], b: [4, 7, 3], ta: false, tb: false },
  { a: [4, 7, 5], b: [4, 3, 7], ta: true, tb: true },
  { a: [4, 5, 7], b: [1, 7, 3], ta: false, tb: false },
  { a: [3, 7, 5], b: [7, 3], ta: true, tb: false },
  { a: [1, 5, 7], b: [3, 7, 2], ta: false, tb: false },
  { a: [2, 2, 5, 7], b: [2, 2, 2, 7], ta: false, tb: true },
];

describe('BatchMatMul on wasm', () => {
  beforeAll(initBoth);

  it.each(CASES)('matches cpu: %j', async (c) => {
    const av = randomValues(c.a.reduce((p, d) => p * d, 1), 61);
    const bv = randomValues(c.b.reduce((p, d) => p * d, 1), 62);
    const outcome = await compareBackends(() => tf.matMul(tf.tensor(av, c.a), tf.tensor(bv, c.b), c.ta, c.tb));
    expect(outcome.shapesEqual).toBe(true);
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });

  it('serves the gradient of a dense layer', async () => {
    const outcome = await compareBackends(() => {
      const x = tf.tensor2d(randomValues(6 * 10, 63), [6, 10]);
      const w = tf.tensor2d(randomValues(10 * 4, 64), [10, 4]);
      const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.matMul(a, b).square().sum())([x, w]);
      return g;
    });
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });
});
