// The batch-norm gradient's native passes (native/batch_norm.c) give the bytes of the JavaScript
// loops they replace, for all five outputs: channel counts that fill the kernel's 8-channel
// lanes, leave a remainder or are all remainder, and sizes of one chunk and of many.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it, vi } from 'vitest';
import { BATCH_NORM_GRAD_KERNEL } from '../../src/ml/backend/wasm/kernels/batch_norm_grad.js';
import { heapPool, useNativeKernels } from '../../src/ml/backend/wasm/kernels/heap-pool.js';
import { TaskId } from '../../src/ml/backend/wasm/kernels/heap-tasks.js';
import { randomValues, useWasmWithNativeKernels } from './compare.js';

const SHAPES = [[2, 3, 3, 8], [4, 6, 6, 32], [3, 5, 7, 13], [7, 5], [2, 4, 4, 3], [64, 12, 12, 64], [128, 6, 6, 128]];

function gradients(shape: number[]): Buffer[] {
  return tf.tidy(() => {
    const size = shape.reduce((p, d) => p * d, 1);
    const ch = shape[shape.length - 1]!;
    const x = tf.tensor(randomValues(size, 51), shape);
    const dy = tf.tensor(randomValues(size, 52), shape);
    const mean = tf.tensor1d(randomValues(ch, 53));
    const variance = tf.tensor1d(randomValues(ch, 54)).abs().add(0.5);
    const scale = tf.tensor1d(randomValues(ch, 55));
    const outs = tf.engine().runKernel(BATCH_NORM_GRAD_KERNEL, { x, dy, mean, variance, scale }, { varianceEpsilon: 1e-3 }) as tf.Tensor[];
    expect(outs).toHaveLength(5);
    return outs.map((t) => Buffer.from(Float32Array.from(t.dataSync()).buffer));
  });
}

describe('the batch-norm gradient on the native kernels', () => {
  useWasmWithNativeKernels();

  it.each(SHAPES)('gives the bytes of the JavaScript passes: %j', (...shape) => {
    const run = vi.spyOn(heapPool(tf.backend() as BackendWasm), 'run');
    const native = gradients(shape);
    const tasks = run.mock.calls.map(([t]) => t);
    expect(tasks).toEqual([TaskId.NativeBatchNormSums, TaskId.NativeScaleChannels]);
    useNativeKernels(false);
    const js = gradients(shape);
    expect(run.mock.calls.map(([t]) => t).slice(2)).toEqual([TaskId.BatchNormSums, TaskId.ScaleChannels]);
    js.forEach((b, i) => expect(native[i]!.equals(b)).toBe(true));
  });

  it('cuts the big shapes into several chunks (the per-chunk sums are combined in order)', () => {
    const run = vi.spyOn(heapPool(tf.backend() as BackendWasm), 'run');
    gradients([128, 6, 6, 128]);
    expect(run.mock.calls[0]![2]).toBeGreaterThan(4);
  });
});
