// MaxPoolGrad (window-driven) agrees with cpu for overlapping/non-overlapping windows, strides,
// same/valid padding, and ties (the first maximum of a window gets the gradient).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareBackends, initBoth, randomValues, TOLERANCE } from './compare.js';

const CASES: Array<{ shape: [number, number, number, number]; size: number | [number, number]; stride: number; pad: 'same' | 'valid' }> = [
  { shape: [2, 8, 8, 3], size: 2, stride: 2, pad: 'valid' },
  { shape: [2, 7, 9, 2], size: 2, stride: 2, pad: 'same' },
  { shape: [1, 9, 9, 4], size: 3, stride: 2, pad: 'same' },
  { shape: [3, 6, 5, 2], size: 3, stride: 1, pad: 'valid' },
  { shape: [1, 8, 6, 1], size: [3, 2], stride: 2, pad: 'same' },
];

describe('MaxPoolGrad on wasm', () => {
  beforeAll(initBoth);

  it.each(CASES)('matches cpu: %j', async (c) => {
    const xv = randomValues(c.shape.reduce((p, d) => p * d, 1), 81);
    const outcome = await compareBackends(() =>
      tf.grad((x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, c.size, c.stride, c.pad).mul(tf.range(1, 2, 1)).square().sum())(tf.tensor4d(xv, c.shape)),
    );
    expect(outcome.shapesEqual).toBe(true);
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });

  it('gives a tied window gradient to its first maximum, like cpu', async () => {
    const outcome = await compareBackends(() =>
      tf.grad((x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid').sum())(tf.ones([1, 4, 4, 2])),
    );
    expect(outcome.relError).toBe(0);
  });
});
