// Sum and Mean over leading/trailing axes (our single pass) and other axes (the package's
// kernel) agree with cpu, with and without keepDims.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareBackends, initBoth, randomValues, TOLERANCE } from './compare.js';

const CASES: Array<{ shape: number[]; axis: number | number[] | null; keepDims: boolean }> = [
  { shape: [4, 5, 6, 3], axis: [0, 1, 2], keepDims: false },
  { shape: [4, 5, 6, 3], axis: [0, 1, 2], keepDims: true },
  { shape: [4, 5, 6, 3], axis: 0, keepDims: false },
  { shape: [7, 9], axis: -1, keepDims: true },
  { shape: [4, 5, 6, 3], axis: [2, 3], keepDims: false },
  { shape: [4, 5, 6, 3], axis: null, keepDims: false },
  { shape: [4, 5, 6, 3], axis: [1, 2], keepDims: false },
  { shape: [10], axis: 0, keepDims: false },
];

describe('Sum and Mean on wasm', () => {
  beforeAll(initBoth);

  it.each(CASES)('match cpu: %j', async (c) => {
    const v = randomValues(c.shape.reduce((p, d) => p * d, 1), 91);
    const axis = c.axis ?? undefined;
    const outcome = await compareBackends(() => {
      const x = tf.tensor(v, c.shape);
      return [tf.sum(x, axis, c.keepDims), tf.mean(x, axis, c.keepDims)];
    });
    expect(outcome.shapesEqual).toBe(true);
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });

  it('leaves int32 sums exact', async () => {
    const outcome = await compareBackends(() => tf.sum(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32'), 0));
    expect(outcome.relError).toBe(0);
  });
});
