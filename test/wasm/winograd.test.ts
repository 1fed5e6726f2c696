// Winograd F(2x2, 3x3) (train.winograd): the forward convolution (Conv2D and FusedConv2D without
// bias), its input gradient and its filter gradient agree with the cpu backend on 3x3 stride-1
// shapes (odd sizes, tiles past the edge, same, valid and lopsided explicit padding, a batch of
// 1, images smaller than a tile), take the Winograd kernels when switched on and only then, and
// leave every other convolution on the kernels it had.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useWinograd, winogradEnabled } from '../../src/ml/backend/wasm/index.js';
import { heapPool } from '../../src/ml/backend/wasm/kernels/heap-pool.js';
import { TaskId } from '../../src/ml/backend/wasm/kernels/heap-tasks.js';
import { compareBackends, initBoth, randomValues, TOLERANCE, type ConvCase } from './compare.js';

/** 3x3 stride-1 shapes with ci % 8 and co % 8: every one of the three takes Winograd. */
const CASES: ConvCase[] = [
  { n: 2, h: 6, w: 6, ci: 8, co: 8, fh: 3, fw: 3, stride: 1, pad: 'same' },
  { n: 3, h: 7, w: 5, ci: 8, co: 16, fh: 3, fw: 3, stride: 1, pad: 'same' },
  { n: 2, h: 9, w: 9, ci: 16, co: 8, fh: 3, fw: 3, stride: 1, pad: 'valid' },
  { n: 1, h: 5, w: 8, ci: 8, co: 24, fh: 3, fw: 3, stride: 1, pad: 'valid' },
  { n: 2, h: 3, w: 3, ci: 16, co: 8, fh: 3, fw: 3, stride: 1, pad: 'same' },
  { n: 1, h: 1, w: 2, ci: 8, co: 8, fh: 3, fw: 3, stride: 1, pad: 'same' },
  { n: 2, h: 6, w: 7, ci: 8, co: 16, fh: 3, fw: 3, stride: 1, pad: [[0, 0], [2, 1], [0, 3], [0, 0]] },
  { n: 5, h: 11, w: 13, ci: 24, co: 16, fh: 3, fw: 3, stride: 1, pad: 'same' },
];

/** Shapes that keep the direct kernels: another filter size or stride, channels the SIMD kernels do not take whole. */
const OTHER_CASES: ConvCase[] = [
  { n: 2, h: 8, w: 8, ci: 8, co: 8, fh: 3, fw: 3, stride: 2, pad: 'same' },
  { n: 2, h: 8, w: 8, ci: 8, co: 8, fh: 5, fw: 5, stride: 1, pad: 'same' },
  { n: 2, h: 8, w: 8, ci: 3, co: 8, fh: 3, fw: 3, stride: 1, pad: 'same' },
  { n: 2, h: 8, w: 8, ci: 8, co: 6, fh: 3, fw: 3, stride: 1, pad: 'same' },
];

const WINOGRAD_TASKS: readonly number[] = [TaskId.NativeWinogradConv, TaskId.NativeWinogradFilterSums, TaskId.NativeWinogradFilterGrad];

/** y, dx and dW of case c (dW and dx by their kernels, y by tf.conv2d or tf.fused.conv2d). */
function threeKernels(c: ConvCase, fused: boolean): tf.Tensor[] {
  const x = tf.tensor4d(randomValues(c.n * c.h * c.w * c.ci, 51), [c.n, c.h, c.w, c.ci]);
  const w = tf.tensor4d(randomValues(9 * c.ci * c.co, 52), [3, 3, c.ci, c.co]);
  const y = fused ? tf.fused.conv2d({ x, filter: w, strides: 1, pad: c.pad }) : tf.conv2d(x, w, 1, c.pad);
  const dy = tf.tensor4d(randomValues(y.size, 53), y.shape);
  const dx = tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { strides: 1, pad: c.pad, dataFormat: 'NHWC', inputShape: x.shape }) as tf.Tensor;
  const dW = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: c.pad, dataFormat: 'NHWC', filterShape: [3, 3, c.ci, c.co] }) as tf.Tensor;
  return [y, dx, dW];
}

/** The heap-pool task ids that computing case c ran on wasm. */
async function tasksOf(c: ConvCase, fused = false): Promise<number[]> {
  await tf.setBackend('wasm');
  const run = vi.spyOn(heapPool(tf.backend() as BackendWasm), 'run');
  tf.tidy(() => threeKernels(c, fused).forEach((t) => t.dataSync()));
  const ids = run.mock.calls.map(([task]) => task);
  run.mockRestore();
  await tf.setBackend('cpu');
  return ids;
}

describe('Winograd convolutions on wasm', () => {
  beforeAll(initBoth);
  afterEach(() => useWinograd(false));

  it('are off unless asked for', () => {
    expect(winogradEnabled()).toBe(false);
  });

  it.each(CASES)('match cpu (forward, input and filter gradients): %j', async (c) => {
    useWinograd(true);
    const plain = await compareBackends(() => threeKernels(c, false));
    expect(plain.shapesEqual).toBe(true);
    expect(plain.relError).toBeLessThanOrEqual(TOLERANCE);
    const fused = await compareBackends(() => threeKernels(c, true));
    expect(fused.relError).toBeLessThanOrEqual(TOLERANCE);
  });

  it.each(CASES)('run on the Winograd kernels when on, and only then: %j', async (c) => {
    useWinograd(true);
    const on = await tasksOf(c);
    // forward and input gradient: one convolution each; filter gradient: its sums, then dW
    expect(on.filter((t) => t === TaskId.NativeWinogradConv)).toHaveLength(2);
    expect(on.filter((t) => t === TaskId.NativeWinogradFilterSums)).toHaveLength(1);
    expect(on.filter((t) => t === TaskId.NativeWinogradFilterGrad)).toHaveLength(1);
    expect((await tasksOf(c, true)).filter((t) => t === TaskId.NativeWinogradConv)).toHaveLength(2);
    useWinograd(false);
    expect((await tasksOf(c)).filter((t) => WINOGRAD_TASKS.includes(t))).toEqual([]);
  });

  it.each(OTHER_CASES)('leave other shapes on the direct kernels, still matching cpu: %j', async (c) => {
    useWinograd(true);
    const pad = c.pad;
    const run = () => {
      const x = tf.tensor4d(randomValues(c.n * c.h * c.w * c.ci, 61), [c.n, c.h, c.w, c.ci]);
      const w = tf.tensor4d(randomValues(c.fh * c.fw * c.ci * c.co, 62), [c.fh, c.fw, c.ci, c.co]);
      const f = (xx: tf.Tensor4D, ww: tf.Tensor4D) => tf.conv2d(xx, ww, c.stride, pad).square().sum() as tf.Scalar;
      return [tf.conv2d(x, w, c.stride, pad), ...tf.grads(f as never)([x, w])];
    };
    const outcome = await compareBackends(run);
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
    await tf.setBackend('wasm');
    const spy = vi.spyOn(heapPool(tf.backend() as BackendWasm), 'run');
    tf.tidy(() => run().forEach((t) => t.dataSync()));
    expect(spy.mock.calls.map(([task]) => task).filter((t) => WINOGRAD_TASKS.includes(t))).toEqual([]);
    spy.mockRestore();
    await tf.setBackend('cpu');
  });

  const ACTIVATIONS = ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu', 'prelu'] as const;

  it.each(ACTIVATIONS)('take a fused convolution with a bias and activation %s, matching cpu', async (activation) => {
    useWinograd(true);
    const c = CASES[1]!;
    const run = () => {
      const x = tf.tensor4d(randomValues(c.n * c.h * c.w * c.ci, 71), [c.n, c.h, c.w, c.ci]);
      const w = tf.tensor4d(randomValues(9 * c.ci * c.co, 72), [3, 3, c.ci, c.co]);
      const bias = tf.tensor1d(randomValues(c.co, 73));
      const preluActivationWeights = activation === 'prelu' ? tf.tensor1d(randomValues(c.co, 74)) : undefined;
      return tf.fused.conv2d({ x, filter: w, strides: 1, pad: 'same', bias, activation, preluActivationWeights, leakyreluAlpha: 0.3 });
    };
    expect((await compareBackends(run)).relError).toBeLessThanOrEqual(TOLERANCE);
    await tf.setBackend('wasm');
    const spy = vi.spyOn(heapPool(tf.backend() as BackendWasm), 'run');
    tf.tidy(() => run().dataSync());
    expect(spy.mock.calls.filter(([task]) => task === TaskId.NativeWinogradConv)).toHaveLength(1);
    spy.mockRestore();
    await tf.setBackend('cpu');
  });
});
