// The gradients of Mean and Sum on wasm (reduce_grad.ts: no tensor of ones) equal tfjs's own,
// which the cpu backend runs, to the bit: several ranks, axes (negative, all, none kept) and keepDims.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareBackends, initBoth, randomValues } from './compare.js';

const CASES: Array<{ shape: number[]; axis: number | number[] | undefined; keepDims: boolean }> = [
  { shape: [4, 6, 6, 5], axis: [0, 1, 2], keepDims: false }, // batch-norm moments
  { shape: [4, 6, 6, 5], axis: [0, 1, 2], keepDims: true },
  { shape: [7, 3], axis: -1, keepDims: false },
  { shape: [7, 3], axis: undefined, keepDims: false },
  { shape: [2, 3, 4], axis: [2, 0], keepDims: true },
  { shape: [5], axis: 0, keepDims: false },
];

describe('Mean and Sum gradients on wasm', () => {
  beforeAll(initBoth);

  it.each(CASES)('equal tfjs gradients exactly: %j', async (c) => {
    const size = c.shape.reduce((p, d) => p * d, 1);
    const x = randomValues(size, 17);
    const outcome = await compareBackends(() => {
      const xt = tf.tensor(x, c.shape);
      // A weight per reduced value, so that dy is not uniform.
      const weigh = (r: tf.Tensor): tf.Scalar => r.mul(tf.tensor(randomValues(r.size, 23), r.shape)).sum();
      const dMean = tf.grad((t: tf.Tensor) => weigh(tf.mean(t, c.axis, c.keepDims)))(xt);
      const dSum = tf.grad((t: tf.Tensor) => weigh(tf.sum(t, c.axis, c.keepDims)))(xt);
      return [dMean, dSum];
    });
    expect(outcome.shapesEqual).toBe(true);
    expect(outcome.cpuShape).toEqual([...c.shape, ...c.shape]);
    expect(outcome.relError).toBe(0);
  });

  it('leaves no tensor behind on wasm', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor(randomValues(4 * 6 * 6 * 5, 5), [4, 6, 6, 5]);
    const before = tf.memory().numTensors;
    const g = tf.grad((t: tf.Tensor) => tf.add(tf.mean(t, [0, 1, 2]).sum(), tf.sum(t, -1).mean()))(x);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([g, x]);
    await tf.setBackend('cpu');
  });
});
