// The JS kernels' loops run on every thread of the threaded build (heap-pool.ts): on shapes big
// enough to be cut into many chunks, 2 threads give bit-identical results to 1 thread, and both
// agree with the cpu backend.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { chunksFor, configureHeapPool, heapPool, resetHeapPool } from '../../src/ml/backend/wasm/kernels/heap-pool.js';
import { randomValues, useThreadedWasm } from './compare.js';

// One training-like step of every kernel that uses the pool: batch-norm moments (Mean) and its
// gradient, max-pool gradient, bias gradient (Sum), batch norm applied, im2col filter gradient.
function step(): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.tensor4d(randomValues(32 * 24 * 24 * 1, 301), [32, 24, 24, 1]);
    const w1 = tf.tensor4d(randomValues(3 * 3 * 1 * 16, 302), [3, 3, 1, 16]);
    const w2 = tf.tensor4d(randomValues(3 * 3 * 16 * 24, 303), [3, 3, 16, 24]);
    const gamma = tf.tensor1d(randomValues(16, 304)).add(1);
    const beta = tf.tensor1d(randomValues(16, 305));
    const bias = tf.tensor1d(randomValues(24, 306));
    const loss = (a: tf.Tensor, b: tf.Tensor, g: tf.Tensor, o: tf.Tensor, c: tf.Tensor): tf.Scalar => {
      const h = tf.conv2d(x, a as tf.Tensor4D, 1, 'same');
      const { mean, variance } = tf.moments(h, [0, 1, 2]);
      const n = tf.relu(tf.batchNorm(h, mean, variance, o, g, 1e-3));
      const p = tf.maxPool(n as tf.Tensor4D, 2, 2, 'same');
      const y = tf.conv2d(p, b as tf.Tensor4D, 1, 'same').add(c);
      return y.square().mean();
    };
    const grads = tf.grads(loss)([w1, w2, gamma, beta, bias]);
    return grads.map((t) => Float32Array.from(t.dataSync()));
  });
}

function withPool(threads: number, callerClaims: boolean): { grads: Float32Array[]; workerChunks: number } {
  configureHeapPool({ threads, callerClaims });
  resetHeapPool(tf.backend() as BackendWasm);
  const pool = heapPool(tf.backend() as BackendWasm);
  expect(pool.threads).toBe(threads);
  const grads = step();
  return { grads, workerChunks: pool.workerChunks() };
}

describe('heap pool', () => {
  useThreadedWasm();

  it('cuts work by size only (so the thread count cannot change a result)', () => {
    expect(chunksFor(1)).toBe(1);
    expect(chunksFor(65536)).toBe(1);
    expect(chunksFor(65537)).toBe(2);
    expect(chunksFor(32 * 24 * 24 * 16)).toBe(5);
    expect(chunksFor(1e9)).toBe(256);
  });

  it('gives bit-identical gradients with 1 and 2 threads, equal to cpu', async () => {
    const one = withPool(1, true);
    const shared = withPool(2, true); // both threads take chunks, as in training
    const workers = withPool(2, false); // the worker takes every chunk of multi-chunk calls
    expect(one.workerChunks).toBe(0);
    expect(workers.workerChunks).toBeGreaterThan(0);
    const two = shared.grads;
    expect(two.length).toBe(5);
    two.forEach((g, i) => {
      expect(Buffer.from(g.buffer).equals(Buffer.from(one.grads[i]!.buffer))).toBe(true);
      expect(Buffer.from(g.buffer).equals(Buffer.from(workers.grads[i]!.buffer))).toBe(true);
    });
    await tf.setBackend('cpu');
    const cpu = step();
    await tf.setBackend('wasm');
    cpu.forEach((ref, i) => {
      const got = two[i]!;
      const scale = Math.max(...ref.map(Math.abs));
      const err = Math.max(...ref.map((v, k) => Math.abs(got[k]! - v))) / scale;
      expect(err).toBeLessThanOrEqual(1e-4);
    });
  });
});
