// FusedBatchNorm gives the same bytes with the native pass (native/batch_norm.c) as with the
// JavaScript loop it replaces: per-channel and scalar statistics, channel counts that fill the
// kernel's 4-channel steps or leave a remainder, one chunk and many.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it, vi } from 'vitest';
import { heapPool, useNativeKernels } from '../../src/ml/backend/wasm/kernels/heap-pool.js';
import { TaskId } from '../../src/ml/backend/wasm/kernels/heap-tasks.js';
import { randomValues, useWasmWithNativeKernels } from './compare.js';

const CASES: Array<{ shape: number[]; scalarStats: boolean }> = [
  { shape: [2, 3, 3, 8], scalarStats: false },
  { shape: [128, 12, 12, 64], scalarStats: false },
  { shape: [9, 5, 5, 7], scalarStats: false },
  { shape: [33, 6], scalarStats: true },
];

function normalized(shape: number[], scalarStats: boolean): Buffer {
  return tf.tidy(() => {
    const ch = scalarStats ? 1 : shape[shape.length - 1]!;
    const x = tf.tensor(randomValues(shape.reduce((p, d) => p * d, 1), 71), shape);
    const stat = (seed: number) => tf.tensor1d(randomValues(ch, seed));
    const y = tf.batchNorm(x, stat(72), stat(73).abs().add(0.25), stat(74), stat(75), 1e-3);
    return Buffer.from(Float32Array.from(y.dataSync()).buffer);
  });
}

describe('FusedBatchNorm on the native kernel', () => {
  useWasmWithNativeKernels();

  it.each(CASES)('gives the bytes of the JavaScript loop: $shape (scalar statistics: $scalarStats)', ({ shape, scalarStats }) => {
    const run = vi.spyOn(heapPool(tf.backend() as BackendWasm), 'run');
    const native = normalized(shape, scalarStats);
    expect(run.mock.calls.map(([t]) => t)).toEqual([TaskId.NativeNormalizeChannels]);
    useNativeKernels(false);
    const js = normalized(shape, scalarStats);
    expect(run.mock.calls.map(([t]) => t).slice(1)).toEqual([TaskId.NormalizeChannels]);
    expect(native.equals(js)).toBe(true);
  });
});
