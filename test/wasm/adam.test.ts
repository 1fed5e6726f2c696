// The fused Adam update (PipeAdamUpdate, src/ml/train/adam.ts) trains the same bits as tfjs's
// AdamOptimizer on the wasm backend: weights and both moments, over several steps with the
// learning rate changing between them, on variables whose sizes leave SIMD remainders and span
// several chunks; natively and by the JavaScript task, on 1 and 2 threads and the worker alone.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { afterEach, describe, expect, it } from 'vitest';
import { ADAM_UPDATE_KERNEL } from '../../src/ml/backend/adam-kernel.js';
import { configureHeapPool, heapPool, resetHeapPool, useNativeKernels } from '../../src/ml/backend/wasm/kernels/heap-pool.js';
import { FusedAdamOptimizer } from '../../src/ml/train/adam.js';
import { randomValues, useThreadedWasm } from './compare.js';

// A conv kernel, a bias of 7 (SIMD remainder), a dense kernel of 5 chunks, a scalar.
const SHAPES: readonly number[][] = [[3, 3, 32, 64], [7], [1000, 300], []];
const LEARNING_RATES = [1e-3, 1e-3, 7.3e-4, 2e-4, 5e-5];

/** Trains fresh variables for a few steps with `optimizer`; returns the bytes of weights, moments and the beta powers. */
async function train(optimizer: tf.AdamOptimizer): Promise<Buffer[]> {
  const vars = SHAPES.map((s, k) => tf.variable(tf.tensor(randomValues(Math.max(1, s.reduce((a, b) => a * b, 1)), 100 + k), s), true, `adam_test_${k}_${Math.random()}`));
  LEARNING_RATES.forEach((lr, step) => {
    (optimizer as unknown as { learningRate: number }).learningRate = lr;
    const grads = vars.map((v, k) => ({ name: v.name, tensor: tf.tensor(randomValues(v.size, 1000 * step + k), v.shape) }));
    // Some gradients are exactly zero and one huge: moments of zero, and sqrt of a large second moment.
    grads[0] = { name: vars[0]!.name, tensor: tf.tidy(() => grads[0]!.tensor.mul(tf.tensor(randomValues(grads[0]!.tensor.size, 7 + step), grads[0]!.tensor.shape).greater(0))) };
    grads[3] = { name: vars[3]!.name, tensor: tf.scalar(step === 2 ? 3e18 : -0.5) };
    optimizer.applyGradients(grads);
    grads.forEach((g) => g.tensor.dispose());
  });
  const state = await optimizer.getWeights();
  const out = [...vars, ...state.map((s) => s.tensor)].map((t) => Buffer.from(Float32Array.from(t.dataSync()).buffer));
  vars.forEach((v) => v.dispose());
  optimizer.dispose();
  return out;
}

describe('the fused Adam update on wasm', () => {
  useThreadedWasm();
  afterEach(() => {
    useNativeKernels(true);
    configureHeapPool({});
    resetHeapPool(tf.backend() as BackendWasm);
  });

  it('gives tfjs AdamOptimizer\'s bytes, in one kernel call per variable', async () => {
    const reference = await train(tf.train.adam(1e-3));
    const fused = new FusedAdamOptimizer(1e-3, 0.9, 0.999);
    const profile = await tf.profile(async () => {
      const outcome = await train(fused);
      expect(outcome).toHaveLength(reference.length);
      outcome.forEach((b, i) => expect(b.equals(reference[i]!), `tensor ${i}`).toBe(true));
    });
    const updates = profile.kernels.filter((k) => k.name === ADAM_UPDATE_KERNEL).length;
    expect(updates).toBe(SHAPES.length * LEARNING_RATES.length);
    expect(profile.kernelNames).not.toContain('RealDiv');
    expect(profile.kernelNames).not.toContain('Sqrt');
  });

  it('gives the same bytes by the JavaScript task, on 1 and 2 threads, and on the worker alone', async () => {
    const run = async (threads: number, callerClaims: boolean, native: boolean): Promise<{ out: Buffer[]; workerChunks: number }> => {
      configureHeapPool({ threads, callerClaims });
      resetHeapPool(tf.backend() as BackendWasm);
      useNativeKernels(native);
      const out = await train(new FusedAdamOptimizer(1e-3, 0.9, 0.999));
      return { out, workerChunks: heapPool(tf.backend() as BackendWasm).workerChunks() };
    };
    const reference = await train(tf.train.adam(1e-3));
    const runs = [await run(1, true, true), await run(2, true, true), await run(2, false, true), await run(1, true, false), await run(2, false, false)];
    expect(runs[0]!.workerChunks).toBe(0);
    expect(runs[2]!.workerChunks).toBeGreaterThan(0);
    expect(runs[4]!.workerChunks).toBeGreaterThan(0);
    runs.forEach((r, k) => r.out.forEach((b, i) => expect(b.equals(reference[i]!), `run ${k}, tensor ${i}`).toBe(true)));
  });
});

describe('the fused Adam optimizer on a backend without the kernel', () => {
  it('runs tfjs AdamOptimizer\'s own update (cpu)', async () => {
    await tf.setBackend('cpu');
    try {
      const reference = await train(tf.train.adam(1e-3));
      const profile = await tf.profile(async () => {
        const outcome = await train(new FusedAdamOptimizer(1e-3, 0.9, 0.999));
        outcome.forEach((b, i) => expect(b.equals(reference[i]!), `tensor ${i}`).toBe(true));
      });
      expect(profile.kernelNames).not.toContain(ADAM_UPDATE_KERNEL);
      expect(profile.kernelNames).toContain('RealDiv');
    } finally {
      await tf.setBackend('wasm');
    }
  });
});
