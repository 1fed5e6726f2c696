// The native filter-gradient kernels (native/conv2d_filter_grad.c) compute exactly what the paths
// they replace computed (the XNNPACK convolution; im2col and an XNNPACK matrix product for small
// patches), bit for bit, so a model trains to the same weights.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it, vi } from 'vitest';
import { heapPool, useNativeKernels } from '../../src/ml/backend/wasm/kernels/heap-pool.js';
import { TaskId } from '../../src/ml/backend/wasm/kernels/heap-tasks.js';
import { NATIVE_CASES, NATIVE_SMALL_PATCH_CASES, randomValues, useWasmWithNativeKernels, type ConvCase } from './compare.js';

/** dW's bytes for case c; `special` puts zeros, −0 and infinities among x's and dy's values. */
function filterGrad(c: ConvCase, special = false): Buffer {
  return tf.tidy(() => {
    const xv = randomValues(c.n * c.h * c.w * c.ci, 31).map((v, i) => (special && i % 7 === 0 ? 0 : v));
    const x = tf.tensor4d(xv, [c.n, c.h, c.w, c.ci]);
    const y = tf.conv2d(x, tf.zeros([c.fh, c.fw, c.ci, c.co]) as tf.Tensor4D, c.stride, c.pad);
    const dyv = randomValues(y.size, 32).map((v, i) => (special && i % 5 === 0 ? -0 : v));
    if (special) {
      // −∞ in the four corners of image 0, channel 0: the taps that meet the padding.
      const [, ho, wo, co] = y.shape;
      for (const [i, j] of [[0, 0], [0, wo - 1], [ho - 1, 0], [ho - 1, wo - 1]] as const) dyv[(i * wo + j) * co] = -Infinity;
    }
    const dy = tf.tensor4d(dyv, y.shape);
    const dW = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', filterShape: [c.fh, c.fw, c.ci, c.co] }) as tf.Tensor;
    expect(dW.shape).toEqual([c.fh, c.fw, c.ci, c.co]);
    return Buffer.from(Float32Array.from(dW.dataSync()).buffer);
  });
}

describe('the native Conv2DBackpropFilter kernel', () => {
  useWasmWithNativeKernels();

  it('is loaded by the single-threaded build too', () => {
    expect(heapPool(tf.backend() as BackendWasm).native).toBeDefined();
  });

  const both = [
    ...NATIVE_CASES.map((c) => ({ c, task: TaskId.Conv2dFilterGrad, replaces: 'the XNNPACK convolution' })),
    ...NATIVE_SMALL_PATCH_CASES.map((c) => ({ c, task: TaskId.Conv2dFilterGradSmallPatch, replaces: 'im2col and a matrix product' })),
  ];

  it.each(both)('gives the same bytes as $replaces: $c', ({ c, task }) => {
    const pool = heapPool(tf.backend() as BackendWasm);
    const run = vi.spyOn(pool, 'run');
    const native = filterGrad(c);
    expect(run.mock.calls.filter(([t]) => t === task)).toHaveLength(1);
    run.mockClear();
    useNativeKernels(false);
    const before = filterGrad(c);
    expect(run.mock.calls.filter(([t]) => t === TaskId.Conv2dFilterGrad || t === TaskId.Conv2dFilterGradSmallPatch)).toHaveLength(0);
    expect(native.equals(before)).toBe(true);
  });

  it('multiplies the padding in as XNNPACK does (0·∞ is NaN), with zeros and −0 about', () => {
    for (const c of [...NATIVE_CASES, ...NATIVE_SMALL_PATCH_CASES].filter((k) => k.pad !== 'valid')) {
      const native = filterGrad(c, true);
      useNativeKernels(false);
      const xnnpack = filterGrad(c, true);
      useNativeKernels(true);
      const values = new Float32Array(native.buffer, native.byteOffset, native.length / 4);
      expect(values.some(Number.isNaN)).toBe(true);
      expect(values.some(Number.isFinite)).toBe(true);
      expect(native.equals(xnnpack)).toBe(true);
    }
  });

  it('leaves channels that do not fit its tiles to the paths it replaces', () => {
    const run = vi.spyOn(heapPool(tf.backend() as BackendWasm), 'run');
    filterGrad({ n: 2, h: 8, w: 8, ci: 6, co: 8, fh: 3, fw: 3, stride: 1, pad: 'same' });
    filterGrad({ n: 2, h: 8, w: 8, ci: 8, co: 12, fh: 3, fw: 3, stride: 1, pad: 'same' });
    filterGrad({ n: 2, h: 8, w: 8, ci: 1, co: 12, fh: 3, fw: 3, stride: 1, pad: 'same' });
    expect(run.mock.calls.filter(([t]) => t === TaskId.Conv2dFilterGrad || t === TaskId.Conv2dFilterGradSmallPatch)).toHaveLength(0);
  });
});
