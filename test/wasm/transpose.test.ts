// Transpose on wasm agrees exactly with cpu: ranks 1-6, axes of size 1, axes that merge; those
// whose last axis moves (rank ≥ 3 once reduced) with at least HEAP_TRANSPOSE_MIN_SIZE values go
// through the heap pool's task (heap-transpose.ts) in many chunks, the others and int32 through
// the package.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { HEAP_TRANSPOSE_MIN_SIZE, reduceTranspose } from '../../src/ml/backend/wasm/kernels/heap-transpose.js';
import { compareBackends, initBoth, randomValues } from './compare.js';

const CASES: Array<{ shape: number[]; perm: number[] }> = [
  { shape: [7], perm: [0] },
  { shape: [0, 3, 4], perm: [2, 1, 0] },
  { shape: [5, 3], perm: [1, 0] },
  { shape: [3, 4, 5], perm: [0, 1, 2] },
  { shape: [2, 3, 4], perm: [2, 1, 0] },
  { shape: [2, 3, 4], perm: [1, 0, 2] },
  { shape: [2, 3, 4], perm: [0, 2, 1] },
  { shape: [1, 5, 1, 3], perm: [3, 2, 1, 0] },
  { shape: [6, 5, 4, 37], perm: [3, 1, 2, 0] }, // a filter gradient's x → [Ci, H, W, N]
  { shape: [6, 5, 4, 37], perm: [1, 2, 0, 3] }, // and its dy → [Ho, Wo, N, Co]
  { shape: [64, 12, 12, 40], perm: [3, 1, 2, 0] },
  { shape: [64, 24, 24, 32], perm: [3, 1, 2, 0] }, // 1.18M values: the heap task, many chunks
  { shape: [16, 10, 3, 4, 600], perm: [4, 2, 0, 3, 1] }, // the heap task on rank 5
  { shape: [7, 3, 2, 5, 3, 1700], perm: [5, 0, 4, 1, 3, 2] }, // and on rank 6
  { shape: [300, 33, 41], perm: [1, 0, 2] },
  { shape: [70, 1100], perm: [1, 0] },
  { shape: [2, 3, 2, 5, 3], perm: [4, 2, 0, 3, 1] },
  { shape: [2, 3, 2, 2, 3, 2], perm: [5, 0, 4, 1, 3, 2] },
];

describe('Transpose on wasm', () => {
  beforeAll(initBoth);

  it('reduces a permutation to the fewest axes', () => {
    expect(reduceTranspose([2, 3, 4], [0, 1, 2])).toEqual({ dims: [24], perm: [0] });
    expect(reduceTranspose([1, 5, 1, 3], [3, 2, 1, 0])).toEqual({ dims: [5, 3], perm: [1, 0] });
    expect(reduceTranspose([128, 24, 24, 32], [3, 1, 2, 0])).toEqual({ dims: [128, 576, 32], perm: [2, 1, 0] });
    expect(reduceTranspose([128, 24, 24, 32], [1, 2, 0, 3])).toEqual({ dims: [128, 576, 32], perm: [1, 0, 2] });
    expect(reduceTranspose([1, 1], [1, 0])).toEqual({ dims: [], perm: [] });
  });

  it('sends the big ones to the heap task', () => {
    expect(HEAP_TRANSPOSE_MIN_SIZE).toBeLessThanOrEqual(64 * 24 * 24 * 32);
    expect(HEAP_TRANSPOSE_MIN_SIZE).toBeLessThanOrEqual(16 * 10 * 3 * 4 * 600);
    expect(HEAP_TRANSPOSE_MIN_SIZE).toBeLessThanOrEqual(7 * 3 * 2 * 5 * 3 * 1700);
  });

  it.each(CASES)('matches cpu exactly (float32): %j', async (c) => {
    const v = randomValues(c.shape.reduce((p, d) => p * d, 1), 91);
    const outcome = await compareBackends(() => tf.transpose(tf.tensor(v, c.shape), c.perm));
    expect(outcome.shapesEqual).toBe(true);
    expect(outcome.cpuShape).toEqual(c.perm.map((a) => c.shape[a]!));
    expect(outcome.relError).toBe(0);
  });

  it('matches cpu for int32 (the package kernel)', async () => {
    const outcome = await compareBackends(() => tf.transpose(tf.tensor3d([...Array(24).keys()], [2, 3, 4], 'int32'), [2, 0, 1]));
    expect(outcome.shapesEqual).toBe(true);
    expect(outcome.relError).toBe(0);
  });
});
