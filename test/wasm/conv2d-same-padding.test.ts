// Conv2D with 'same' padding: the package's XNNPACK call returns zeros when the stride exceeds
// the filter size; our override passes explicit padding and agrees with cpu everywhere.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareBackends, initBoth, randomValues, TOLERANCE } from './compare.js';

const CASES = [
  { h: 6, fh: 2, stride: 3 },
  { h: 7, fh: 2, stride: 3 },
  { h: 8, fh: 3, stride: 2 },
  { h: 9, fh: 1, stride: 3 },
  { h: 7, fh: 3, stride: 1 },
];

describe('Conv2D same padding on wasm', () => {
  beforeAll(initBoth);

  it.each(CASES)('matches cpu: %j', async (c) => {
    const outcome = await compareBackends(() => {
      const x = tf.tensor4d(randomValues(2 * c.h * c.h * 3, 51), [2, c.h, c.h, 3]);
      const w = tf.tensor4d(randomValues(c.fh * c.fh * 3 * 4, 52), [c.fh, c.fh, 3, 4]);
      return tf.conv2d(x, w, c.stride, 'same');
    });
    expect(outcome.shapesEqual).toBe(true);
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });

  it('keeps dilations', async () => {
    const outcome = await compareBackends(() => {
      const x = tf.tensor4d(randomValues(1 * 9 * 9 * 2, 53), [1, 9, 9, 2]);
      const w = tf.tensor4d(randomValues(3 * 3 * 2 * 2, 54), [3, 3, 2, 2]);
      return tf.conv2d(x, w, 1, 'same', 'NHWC', 2);
    });
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });
});
