// The input gradient of a convolution with few input channels gives the same bytes with the
// native col2im (native/col2im.c) as with the JavaScript loop it replaces: overlapping windows
// (several terms per dx value, whose order matters), strides, same/valid/explicit padding, 1-4
// channels, batches of one image and of more images than chunks.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it, vi } from 'vitest';
import { heapPool, useNativeKernels } from '../../src/ml/backend/wasm/kernels/heap-pool.js';
import { TaskId } from '../../src/ml/backend/wasm/kernels/heap-tasks.js';
import { randomValues, useWasmWithNativeKernels, type ConvCase } from './compare.js';

const CASES: ConvCase[] = [
  { n: 6, h: 12, w: 12, ci: 1, co: 32, fh: 3, fw: 3, stride: 2, pad: 'same' },
  { n: 3, h: 8, w: 7, ci: 1, co: 8, fh: 3, fw: 3, stride: 1, pad: 'same' },
  { n: 2, h: 9, w: 10, ci: 3, co: 5, fh: 3, fw: 3, stride: 2, pad: 'valid' },
  { n: 1, h: 7, w: 7, ci: 4, co: 6, fh: 5, fw: 3, stride: [1, 2], pad: [[0, 0], [2, 1], [0, 2], [0, 0]] },
  { n: 5, h: 6, w: 6, ci: 2, co: 3, fh: 2, fw: 2, stride: 1, pad: 'valid' },
];

function inputGrad(c: ConvCase): Buffer {
  return tf.tidy(() => {
    const w = tf.tensor4d(randomValues(c.fh * c.fw * c.ci * c.co, 101), [c.fh, c.fw, c.ci, c.co]);
    const y = tf.conv2d(tf.zeros([c.n, c.h, c.w, c.ci]) as tf.Tensor4D, w, c.stride, c.pad);
    const dy = tf.tensor4d(randomValues(y.size, 102), y.shape);
    const dx = tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', inputShape: [c.n, c.h, c.w, c.ci] }) as tf.Tensor;
    expect(dx.shape).toEqual([c.n, c.h, c.w, c.ci]);
    return Buffer.from(Float32Array.from(dx.dataSync()).buffer);
  });
}

describe('col2im on the native kernel', () => {
  useWasmWithNativeKernels();

  it.each(CASES)('gives the bytes of the JavaScript loop: %j', (c) => {
    const run = vi.spyOn(heapPool(tf.backend() as BackendWasm), 'run');
    const native = inputGrad(c);
    expect(run.mock.calls.filter(([t]) => t === TaskId.NativeCol2im)).toHaveLength(1);
    useNativeKernels(false);
    const js = inputGrad(c);
    expect(run.mock.calls.filter(([t]) => t === TaskId.NativeCol2im)).toHaveLength(1);
    expect(native.equals(js)).toBe(true);
  });
});
