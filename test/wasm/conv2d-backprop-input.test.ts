// Conv2DBackpropInput (the package's is scalar loops; ours is a forward conv on XNNPACK) agrees
// with the cpu backend, including strides > 1 (zero-interleaved gradient) and explicit padding.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareBackends, CONV_CASES, initBoth, randomValues, TOLERANCE, type ConvCase } from './compare.js';

const CASES: ConvCase[] = [
  ...CONV_CASES,
  { n: 2, h: 5, w: 5, ci: 2, co: 2, fh: 2, fw: 2, stride: 1, pad: [[0, 0], [3, 3], [3, 3], [0, 0]] },
  // more than 4 input channels: the forward-convolution route instead of GEMM + col2im
  { n: 2, h: 7, w: 9, ci: 6, co: 4, fh: 3, fw: 3, stride: 1, pad: 'same' },
  { n: 3, h: 8, w: 8, ci: 5, co: 7, fh: 3, fw: 3, stride: 2, pad: 'same' },
  { n: 1, h: 9, w: 7, ci: 8, co: 3, fh: 3, fw: 3, stride: 2, pad: 'valid' },
  { n: 2, h: 11, w: 6, ci: 6, co: 3, fh: 2, fw: 2, stride: 3, pad: 'same' },
  { n: 2, h: 9, w: 8, ci: 5, co: 6, fh: 3, fw: 2, stride: [2, 1], pad: 'same' },
  { n: 3, h: 8, w: 9, ci: 6, co: 4, fh: 3, fw: 3, stride: 2, pad: [[0, 0], [1, 0], [2, 2], [0, 0]] },
  { n: 2, h: 5, w: 5, ci: 5, co: 2, fh: 2, fw: 2, stride: 1, pad: [[0, 0], [3, 3], [3, 3], [0, 0]] },
];

describe('Conv2DBackpropInput on wasm', () => {
  beforeAll(initBoth);

  it.each(CASES)('matches cpu: %j', async (c) => {
    const wv = randomValues(c.fh * c.fw * c.ci * c.co, 32);
    const outcome = await compareBackends(() => {
      const x = tf.zeros([c.n, c.h, c.w, c.ci]) as tf.Tensor4D;
      const w = tf.tensor4d(wv, [c.fh, c.fw, c.ci, c.co]);
      const y = tf.conv2d(x, w, c.stride, c.pad);
      const dy = tf.tensor4d(randomValues(y.size, 33), y.shape);
      return tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', inputShape: [c.n, c.h, c.w, c.ci] }) as tf.Tensor;
    });
    expect(outcome.shapesEqual).toBe(true);
    expect(outcome.wasmShape).toEqual([c.n, c.h, c.w, c.ci]);
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });

  it('is what tf.grad uses for a conv2d input', async () => {
    const outcome = await compareBackends(() => {
      const x = tf.tensor4d(randomValues(2 * 7 * 7 * 3, 41), [2, 7, 7, 3]);
      const w = tf.tensor4d(randomValues(3 * 3 * 3 * 4, 42), [3, 3, 3, 4]);
      return tf.grad((a: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, w, 2, 'same').square().sum())(x);
    });
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });

  it.each([2, 6])('handles NCHW gradients (%i input channels)', async (ci) => {
    const outcome = await compareBackends(() => {
      const dy = tf.tensor4d(randomValues(2 * 3 * 4 * 4, 34), [2, 3, 4, 4]); // [N, Co, Ho, Wo]
      const w = tf.tensor4d(randomValues(3 * 3 * ci * 3, 35), [3, 3, ci, 3]);
      return tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { strides: 2, pad: 'same', dataFormat: 'NCHW', inputShape: [2, ci, 7, 8] }) as tf.Tensor;
    });
    expect(outcome.wasmShape).toEqual([2, ci, 7, 8]);
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });
});
