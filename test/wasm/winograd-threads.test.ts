// Winograd convolutions (train.winograd), with 2x2 and with 4x4 output tiles, give the same bytes on 1 thread, on 2 threads sharing
// their chunks, and on the worker thread alone: every output tile is computed whole by one chunk,
// and the filter gradient's partial sums are a fixed number for a shape, added in order. Also the
// check that caught a kernel writing a stack in the shared heap: two threads at once must agree.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { afterEach, describe, expect, it } from 'vitest';
import { useWinograd } from '../../src/ml/backend/wasm/index.js';
import { configureHeapPool, heapPool, resetHeapPool } from '../../src/ml/backend/wasm/kernels/heap-pool.js';
import { randomValues, useThreadedWasm } from './compare.js';

function convolutions(threads: number, callerClaims: boolean): { out: Buffer[]; workerChunks: number } {
  configureHeapPool({ threads, callerClaims });
  resetHeapPool(tf.backend() as BackendWasm);
  const pool = heapPool(tf.backend() as BackendWasm);
  const out = tf.tidy(() => {
    const results: tf.Tensor[] = [];
    // Two of our CNN's layers at a quarter of the batch (24x24, 32 -> 32; 6x6, 128 -> 128), and
    // an odd size with lopsided padding.
    for (const [n, h, w, ci, co, pad] of [
      [32, 24, 24, 32, 32, 'same'],
      [32, 6, 6, 128, 128, 'same'],
      [3, 7, 9, 8, 16, [[0, 0], [2, 1], [0, 3], [0, 0]]],
    ] as const) {
      const x = tf.tensor4d(randomValues(n * h * w * ci, 81), [n, h, w, ci]);
      const f = tf.tensor4d(randomValues(9 * ci * co, 82), [3, 3, ci, co]);
      const y = tf.conv2d(x, f, 1, pad as 'same');
      const dy = tf.tensor4d(randomValues(y.size, 83), y.shape);
      results.push(
        y,
        tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: f }, { strides: 1, pad, dataFormat: 'NHWC', inputShape: x.shape }) as tf.Tensor,
        tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad, dataFormat: 'NHWC', filterShape: [3, 3, ci, co] }) as tf.Tensor,
      );
    }
    return results.map((t) => Buffer.from(Float32Array.from(t.dataSync()).buffer));
  });
  return { out, workerChunks: pool.workerChunks() };
}

describe('Winograd convolutions on the heap pool', () => {
  useThreadedWasm();
  afterEach(() => useWinograd(false));

  it('are bit-identical with 1 and 2 threads, and on the worker alone', () => {
    useWinograd(true);
    const one = convolutions(1, true);
    const two = convolutions(2, true);
    const worker = convolutions(2, false);
    // (how the 2-thread run shares its chunks depends on scheduling; the worker-alone run is the
    // one certain to run them on the other thread)
    expect(one.workerChunks).toBe(0);
    expect(worker.workerChunks).toBeGreaterThan(0);
    expect(one.out).toHaveLength(9);
    one.out.forEach((b, i) => {
      expect(two.out[i]!.equals(b)).toBe(true);
      expect(worker.out[i]!.equals(b)).toBe(true);
    });
    // and it is the Winograd path: the direct kernels give other bytes (to rounding)
    useWinograd(false);
    const direct = convolutions(1, true);
    expect(direct.out.filter((b, i) => !b.equals(one.out[i]!)).length).toBeGreaterThan(0);
  });

  it('are bit-identical with 1 and 2 threads, and on the worker alone, with F(4x4, 3x3) tiles', () => {
    // 24x24 and 7x9 take the 4x4 tiles (6x6 keeps 2x2): other bytes than tile 2's
    useWinograd(true, 2);
    const small = convolutions(1, true);
    useWinograd(true, 4);
    const one = convolutions(1, true);
    const two = convolutions(2, true);
    const worker = convolutions(2, false);
    expect(worker.workerChunks).toBeGreaterThan(0);
    one.out.forEach((b, i) => {
      expect(two.out[i]!.equals(b), `output ${i}`).toBe(true);
      expect(worker.out[i]!.equals(b), `output ${i}`).toBe(true);
    });
    expect(one.out.map((b, i) => b.equals(small.out[i]!))).toEqual([false, false, false, true, true, true, false, false, false]);
  });
});
