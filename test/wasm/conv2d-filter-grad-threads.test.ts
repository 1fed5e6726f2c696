// The native filter gradients give the same bytes on 1 thread, on 2 threads sharing their chunks,
// and on the worker thread alone (whose own instance of the native module then does the work).
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { configureHeapPool, heapPool, resetHeapPool } from '../../src/ml/backend/wasm/kernels/heap-pool.js';
import { randomValues, useThreadedWasm } from './compare.js';

function filterGrads(threads: number, callerClaims: boolean): { out: Buffer[]; workerChunks: number } {
  configureHeapPool({ threads, callerClaims });
  resetHeapPool(tf.backend() as BackendWasm);
  const pool = heapPool(tf.backend() as BackendWasm);
  const out = tf.tidy(() => {
    // Two of our CNN's layers at a quarter of the batch: 24x24, 32 -> 32 channels, 'same'; and
    // the first, 48x48 grayscale -> 24x24, 32 channels, stride 2 (the small-patch kernel).
    const x = tf.tensor4d(randomValues(32 * 24 * 24 * 32, 41), [32, 24, 24, 32]);
    const dy = tf.tensor4d(randomValues(32 * 24 * 24 * 32, 42), [32, 24, 24, 32]);
    const image = tf.tensor4d(randomValues(32 * 48 * 48, 43), [32, 48, 48, 1]);
    return [
      tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 32, 32] }) as tf.Tensor,
      tf.engine().runKernel('Conv2DBackpropFilter', { x: image, dy }, { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 1, 32] }) as tf.Tensor,
    ].map((dW) => Buffer.from(Float32Array.from(dW.dataSync()).buffer));
  });
  return { out, workerChunks: pool.workerChunks() };
}

describe('the native filter gradient on the heap pool', () => {
  useThreadedWasm();

  it('is bit-identical with 1 and 2 threads, and on the worker alone', () => {
    const one = filterGrads(1, true);
    const two = filterGrads(2, true);
    const worker = filterGrads(2, false);
    expect(heapPool(tf.backend() as BackendWasm).native).toBeDefined();
    expect(one.workerChunks).toBe(0);
    expect(worker.workerChunks).toBeGreaterThan(0);
    one.out.forEach((b, i) => {
      expect(two.out[i]!.equals(b)).toBe(true);
      expect(worker.out[i]!.equals(b)).toBe(true);
    });
  });
});
