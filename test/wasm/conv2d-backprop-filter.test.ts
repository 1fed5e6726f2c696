// Conv2DBackpropFilter (missing from the package's wasm kernels) agrees with the cpu backend.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { IM2COL_MAX_PATCH } from '../../src/ml/backend/wasm/kernels/conv2d_backprop_filter.js';
import { compareBackends, CONV_CASES, initBoth, NATIVE_CASES, NATIVE_SMALL_PATCH_CASES, randomValues, TOLERANCE, type ConvCase } from './compare.js';

const CASES: ConvCase[] = [
  ...CONV_CASES,
  // patches above IM2COL_MAX_PATCH (32): the transposed-convolution path, not im2col
  { n: 3, h: 8, w: 7, ci: 8, co: 5, fh: 3, fw: 3, stride: 1, pad: 'same' },
  { n: 2, h: 9, w: 10, ci: 6, co: 3, fh: 3, fw: 3, stride: 2, pad: 'valid' },
  { n: 2, h: 7, w: 7, ci: 5, co: 4, fh: 3, fw: 3, stride: [1, 2], pad: [[0, 0], [2, 0], [1, 1], [0, 0]] },
  // shapes the native kernels take
  ...NATIVE_CASES,
  ...NATIVE_SMALL_PATCH_CASES,
];

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(initBoth);

  it('covers both paths: im2col for small patches, the transposed convolution for the rest', () => {
    const patches = CASES.map((c) => c.fh * c.fw * c.ci);
    expect(patches.filter((p) => p <= IM2COL_MAX_PATCH).length).toBeGreaterThanOrEqual(4);
    expect(patches.filter((p) => p > IM2COL_MAX_PATCH).length).toBeGreaterThanOrEqual(4);
  });

  it.each(CASES)('matches cpu: %j', async (c) => {
    const xv = randomValues(c.n * c.h * c.w * c.ci, 11);
    const wv = randomValues(c.fh * c.fw * c.ci * c.co, 12);
    const outcome = await compareBackends(() => {
      const x = tf.tensor4d(xv, [c.n, c.h, c.w, c.ci]);
      const w = tf.tensor4d(wv, [c.fh, c.fw, c.ci, c.co]);
      const y = tf.conv2d(x, w, c.stride, c.pad);
      const dy = tf.tensor4d(randomValues(y.size, 13), y.shape);
      return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', filterShape: [c.fh, c.fw, c.ci, c.co] }) as tf.Tensor;
    });
    expect(outcome.shapesEqual).toBe(true);
    expect(outcome.wasmShape).toEqual([c.fh, c.fw, c.ci, c.co]);
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });

  it('is what tf.grad uses for a conv2d filter', async () => {
    const outcome = await compareBackends(() => {
      const x = tf.tensor4d(randomValues(2 * 6 * 6 * 3, 21), [2, 6, 6, 3]);
      const w = tf.tensor4d(randomValues(3 * 3 * 3 * 4, 22), [3, 3, 3, 4]);
      return tf.grad((f: tf.Tensor) => tf.conv2d(x, f as tf.Tensor4D, 2, 'same').square().sum())(w);
    });
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });

  it('handles NCHW inputs', async () => {
    const outcome = await compareBackends(() => {
      const x = tf.tensor4d(randomValues(2 * 3 * 7 * 6, 14), [2, 3, 7, 6]);
      const dy = tf.tensor4d(randomValues(2 * 4 * 4 * 3, 15), [2, 4, 4, 3]); // [N, Co, Ho, Wo]
      return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 2, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 3, 4] }) as tf.Tensor;
    });
    expect(outcome.wasmShape).toEqual([3, 3, 3, 4]);
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });
});
