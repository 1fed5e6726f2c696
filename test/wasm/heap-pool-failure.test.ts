// A heap task that throws (a bug) must surface as an error on the calling thread and leave the
// pool usable: the next call runs and returns instead of waiting forever for the failed chunks.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { configureHeapPool, heapPool, resetHeapPool } from '../../src/ml/backend/wasm/kernels/heap-pool.js';
import { TaskId } from '../../src/ml/backend/wasm/kernels/heap-tasks.js';
import { useThreadedWasm } from './compare.js';

// MaxPoolGrad with a negative channel count: every chunk throws a RangeError (its per-channel
// buffers cannot be allocated) before it writes anything.
const BAD_ARGS = [0, 0, 0, 0, 4, 1, 1, -1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0];

function sumAfterFailure(): number {
  return tf.tidy(() => tf.ones([512, 512]).sum(0).sum().dataSync()[0]!);
}

describe('heap pool after a failing task', () => {
  useThreadedWasm();

  it('rethrows the calling thread\'s error, then runs the next call', () => {
    configureHeapPool({ threads: 2, callerClaims: true });
    resetHeapPool(tf.backend() as BackendWasm);
    const pool = heapPool(tf.backend() as BackendWasm);
    expect(() => pool.run(TaskId.MaxPoolGrad, BAD_ARGS, 4)).toThrow(RangeError);
    expect(sumAfterFailure()).toBe(512 * 512);
  });

  it('reports a worker thread\'s failure, then runs the next call', () => {
    configureHeapPool({ threads: 2, callerClaims: false });
    resetHeapPool(tf.backend() as BackendWasm);
    const pool = heapPool(tf.backend() as BackendWasm);
    expect(() => pool.run(TaskId.MaxPoolGrad, BAD_ARGS, 4)).toThrow('bug: heap task maxPoolGradTask failed in a worker thread');
    expect(sumAfterFailure()).toBe(512 * 512);
  });
});
