// Sum and Mean over leading axes give the same bytes with the native column sums
// (native/reduce.c) as with the JavaScript loop they replace: column counts that fill the
// kernel's 8-column lanes, leave a remainder or are all remainder; one chunk and many.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it, vi } from 'vitest';
import { heapPool, useNativeKernels } from '../../src/ml/backend/wasm/kernels/heap-pool.js';
import { TaskId } from '../../src/ml/backend/wasm/kernels/heap-tasks.js';
import { randomValues, useWasmWithNativeKernels } from './compare.js';

const CASES: Array<{ shape: number[]; axis: number[] }> = [
  { shape: [4, 5, 5, 8], axis: [0, 1, 2] },
  { shape: [128, 24, 24, 32], axis: [0, 1, 2] },
  { shape: [64, 6, 6, 13], axis: [0, 1, 2] },
  { shape: [300, 3], axis: [0] },
  { shape: [17, 256], axis: [0] },
];

function reductions(shape: number[], axis: number[]): Buffer[] {
  return tf.tidy(() => {
    const x = tf.tensor(randomValues(shape.reduce((p, d) => p * d, 1), 61), shape);
    return [tf.sum(x, axis), tf.mean(x, axis, true)].map((t) => Buffer.from(Float32Array.from(t.dataSync()).buffer));
  });
}

describe('column sums on the native kernel', () => {
  useWasmWithNativeKernels();

  it.each(CASES)('give the bytes of the JavaScript loop: $shape over $axis', ({ shape, axis }) => {
    const run = vi.spyOn(heapPool(tf.backend() as BackendWasm), 'run');
    const native = reductions(shape, axis);
    expect(run.mock.calls.map(([t]) => t)).toEqual([TaskId.NativeColumnSums, TaskId.NativeColumnSums]);
    useNativeKernels(false);
    const js = reductions(shape, axis);
    expect(run.mock.calls.map(([t]) => t).slice(2)).toEqual([TaskId.ColumnSums, TaskId.ColumnSums]);
    js.forEach((b, i) => expect(native[i]!.equals(b)).toBe(true));
  });
});
