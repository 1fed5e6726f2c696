// The batch-norm gradient (two passes on wasm) agrees with tfjs's generic gradient on cpu for
// every input (x, mean, variance, scale, offset), rank 2 and 4. (Without a scale tfjs 4.22
// itself fails to record the op for gradients on any backend, so that case is not ours to test.)
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareBackends, initBoth, randomValues, TOLERANCE } from './compare.js';

const CASES: Array<{ shape: number[] }> = [{ shape: [3, 4, 5, 6] }, { shape: [2, 3, 3, 8] }, { shape: [7, 5] }, { shape: [1, 2, 2, 3] }];

describe('FusedBatchNorm gradient on wasm', () => {
  beforeAll(initBoth);

  it.each(CASES)('matches cpu: %j', async (c) => {
    const size = c.shape.reduce((p, d) => p * d, 1);
    const ch = c.shape[c.shape.length - 1]!;
    const xv = randomValues(size, 111);
    const dyv = randomValues(size, 112);
    const outcome = await compareBackends(() => {
      const x = tf.tensor(xv, c.shape);
      const mean = tf.tensor1d(randomValues(ch, 113));
      const variance = tf.tensor1d(randomValues(ch, 114)).abs().add(0.5);
      const offset = tf.tensor1d(randomValues(ch, 115));
      const scale = tf.tensor1d(randomValues(ch, 116));
      const dy = tf.tensor(dyv, c.shape);
      const f = (a: tf.Tensor, m: tf.Tensor, v: tf.Tensor, o: tf.Tensor, s: tf.Tensor): tf.Tensor =>
        tf.batchNorm(a, m, v, o, s, 1e-3).mul(dy).sum();
      return tf.grads(f)([x, mean, variance, offset, scale]);
    });
    expect(outcome.shapesEqual).toBe(true);
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });

  it('trains a batch-norm layer to the cpu weights (moments flow through mean and variance)', async () => {
    const outcome = await compareBackends(() => {
      const x = tf.tensor4d(randomValues(4 * 3 * 3 * 5, 117), [4, 3, 3, 5]);
      const gamma = tf.tensor1d(randomValues(5, 118));
      const beta = tf.tensor1d(randomValues(5, 119));
      return tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
        const { mean, variance } = tf.moments(a, [0, 1, 2]);
        return tf.batchNorm(a, mean, variance, b, g, 1e-3).square().sum();
      })([x, gamma, beta]);
    });
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });
});
