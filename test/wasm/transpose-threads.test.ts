// A transpose cut into chunks gives the same bytes whichever thread copies them: 1 thread, 2
// threads sharing the chunks, and the worker alone.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { configureHeapPool, heapPool, resetHeapPool } from '../../src/ml/backend/wasm/kernels/heap-pool.js';
import { randomValues, useThreadedWasm } from './compare.js';

function transposes(threads: number, callerClaims: boolean): { out: Buffer[]; workerChunks: number } {
  configureHeapPool({ threads, callerClaims });
  resetHeapPool(tf.backend() as BackendWasm);
  const pool = heapPool(tf.backend() as BackendWasm);
  const out = tf.tidy(() => {
    const x = tf.tensor4d(randomValues(64 * 16 * 32 * 32, 7), [64, 16, 32, 32]); // HEAP_TRANSPOSE_MIN_SIZE values
    return [tf.transpose(x, [3, 1, 2, 0])].map((t) =>
      Buffer.from(Float32Array.from(t.dataSync()).buffer),
    );
  });
  return { out, workerChunks: pool.workerChunks() };
}

describe('Transpose on the heap pool', () => {
  useThreadedWasm();

  it('is bit-identical with 1 and 2 threads', () => {
    const one = transposes(1, true);
    const two = transposes(2, true);
    const worker = transposes(2, false);
    expect(one.workerChunks).toBe(0);
    expect(worker.workerChunks).toBeGreaterThan(0);
    one.out.forEach((b, i) => {
      expect(two.out[i]!.equals(b)).toBe(true);
      expect(worker.out[i]!.equals(b)).toBe(true);
    });
  });
});
