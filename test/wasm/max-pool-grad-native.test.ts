// MaxPoolGrad gives the same bytes with the native kernel (native/max_pool_grad.c) as with the
// JavaScript loop it replaces: overlapping windows (several dy terms per dx value), ties, NaN,
// channel counts that fill its 4-channel steps or leave a remainder, padding, one chunk and many.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it, vi } from 'vitest';
import { heapPool, useNativeKernels } from '../../src/ml/backend/wasm/kernels/heap-pool.js';
import { TaskId } from '../../src/ml/backend/wasm/kernels/heap-tasks.js';
import { randomValues, useWasmWithNativeKernels } from './compare.js';

const CASES: Array<{ shape: [number, number, number, number]; size: number | [number, number]; stride: number; pad: 'same' | 'valid' }> = [
  { shape: [2, 8, 8, 8], size: 2, stride: 2, pad: 'valid' },
  { shape: [128, 24, 24, 32], size: 2, stride: 2, pad: 'valid' },
  { shape: [2, 7, 9, 6], size: 2, stride: 2, pad: 'same' },
  { shape: [1, 9, 9, 4], size: 3, stride: 2, pad: 'same' },
  { shape: [3, 6, 5, 5], size: 3, stride: 1, pad: 'valid' },
  { shape: [1, 8, 6, 1], size: [3, 2], stride: 2, pad: 'same' },
];

function maxPoolGrad(c: (typeof CASES)[number]): Buffer {
  return tf.tidy(() => {
    // Values rounded to a coarse grid (many ties), a few NaN.
    const xv = randomValues(c.shape.reduce((p, d) => p * d, 1), 91).map((v, i) => (i % 53 === 7 ? NaN : Math.round(v * 4) / 4));
    const x = tf.tensor4d(xv, c.shape);
    const y = tf.maxPool(x, c.size, c.stride, c.pad);
    const dy = tf.tensor4d(randomValues(y.size, 92), y.shape as [number, number, number, number]);
    const dx = tf.engine().runKernel('MaxPoolGrad', { dy, input: x, output: y }, { filterSize: c.size, strides: c.stride, pad: c.pad }) as tf.Tensor;
    return Buffer.from(Float32Array.from(dx.dataSync()).buffer);
  });
}

describe('MaxPoolGrad on the native kernel', () => {
  useWasmWithNativeKernels();

  it.each(CASES)('gives the bytes of the JavaScript loop: %j', (c) => {
    const run = vi.spyOn(heapPool(tf.backend() as BackendWasm), 'run');
    const native = maxPoolGrad(c);
    expect(run.mock.calls.map(([t]) => t)).toEqual([TaskId.NativeMaxPoolGrad]);
    useNativeKernels(false);
    const js = maxPoolGrad(c);
    expect(run.mock.calls.map(([t]) => t).slice(1)).toEqual([TaskId.MaxPoolGrad]);
    expect(native.equals(js)).toBe(true);
  });
});
