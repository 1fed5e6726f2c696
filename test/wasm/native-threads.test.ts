// The native kernels give the same bytes on 1 thread, on 2 threads sharing their chunks, and on
// the worker thread alone (whose own instances of the native modules then do the work): the
// filter gradients, the batch-norm gradient and pass, column sums, MaxPoolGrad and col2im.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { BATCH_NORM_GRAD_KERNEL } from '../../src/ml/backend/wasm/kernels/batch_norm_grad.js';
import { configureHeapPool, heapPool, resetHeapPool } from '../../src/ml/backend/wasm/kernels/heap-pool.js';
import { randomValues, useThreadedWasm } from './compare.js';

function kernels(threads: number, callerClaims: boolean): { out: Buffer[]; workerChunks: number } {
  configureHeapPool({ threads, callerClaims });
  resetHeapPool(tf.backend() as BackendWasm);
  const pool = heapPool(tf.backend() as BackendWasm);
  const out = tf.tidy(() => {
    // Our CNN's layers at a quarter of the batch: 24x24, 32 -> 32 channels, 'same'; the first
    // layer, 48x48 grayscale -> 24x24, 32 channels, stride 2 (the small-patch kernel).
    const x = tf.tensor4d(randomValues(32 * 24 * 24 * 32, 41), [32, 24, 24, 32]);
    const dy = tf.tensor4d(randomValues(32 * 24 * 24 * 32, 42), [32, 24, 24, 32]);
    const image = tf.tensor4d(randomValues(32 * 48 * 48, 43), [32, 48, 48, 1]);
    const stat = (seed: number) => tf.tensor1d(randomValues(32, seed));
    const [mean, variance, scale, offset] = [stat(44), stat(45).abs().add(0.5), stat(46), stat(47)];
    const pooled = tf.maxPool(x, 2, 2, 'valid');
    return [
      tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 32, 32] }) as tf.Tensor,
      tf.engine().runKernel('Conv2DBackpropFilter', { x: image, dy }, { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 1, 32] }) as tf.Tensor,
      ...(tf.engine().runKernel(BATCH_NORM_GRAD_KERNEL, { x, dy, mean, variance, scale }, { varianceEpsilon: 1e-3 }) as tf.Tensor[]),
      tf.batchNorm(x, mean, variance, offset, scale, 1e-3),
      tf.mean(x, [0, 1, 2]),
      tf.engine().runKernel('MaxPoolGrad', { dy: pooled, input: x, output: pooled }, { filterSize: 2, strides: 2, pad: 'valid' }) as tf.Tensor,
      tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: tf.tensor4d(randomValues(9 * 32, 48), [3, 3, 1, 32]) }, { strides: 2, pad: 'same', dataFormat: 'NHWC', inputShape: [32, 48, 48, 1] }) as tf.Tensor,
    ].map((t) => Buffer.from(Float32Array.from(t.dataSync()).buffer));
  });
  return { out, workerChunks: pool.workerChunks() };
}

describe('the native kernels on the heap pool', () => {
  useThreadedWasm();

  it('are bit-identical with 1 and 2 threads, and on the worker alone', () => {
    const one = kernels(1, true);
    const two = kernels(2, true);
    const worker = kernels(2, false);
    expect(heapPool(tf.backend() as BackendWasm).native).toBeDefined();
    expect(one.workerChunks).toBe(0);
    expect(worker.workerChunks).toBeGreaterThan(0);
    expect(one.out).toHaveLength(11);
    one.out.forEach((b, i) => {
      expect(two.out[i]!.equals(b)).toBe(true);
      expect(worker.out[i]!.equals(b)).toBe(true);
    });
  });
});
