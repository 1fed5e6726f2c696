// Winograd F(4x4, 3x3) (useWinograd(true, 4), native/winograd4.c): on outputs large enough for
// it (tileFor), the forward convolution, its input gradient and its filter gradient each agree
// with the cpu backend (sizes that leave partial tiles on both edges, same, valid and lopsided
// explicit padding, our network's 24x24 and 12x12 layers); those calls run with 36 transformed
// planes, smaller outputs keep F(2x2, 3x3)'s 16, and tile 2 never takes the larger one.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useWinograd } from '../../src/ml/backend/wasm/index.js';
import { heapPool } from '../../src/ml/backend/wasm/kernels/heap-pool.js';
import { TaskId } from '../../src/ml/backend/wasm/kernels/heap-tasks.js';
import { tileFor } from '../../src/ml/backend/wasm/kernels/winograd.js';
import { compareBackends, initBoth, randomValues, TOLERANCE, type ConvCase } from './compare.js';

const CASES: ConvCase[] = [
  { n: 2, h: 8, w: 8, ci: 8, co: 8, fh: 3, fw: 3, stride: 1, pad: 'same' },
  { n: 3, h: 9, w: 11, ci: 8, co: 16, fh: 3, fw: 3, stride: 1, pad: 'same' },
  { n: 2, h: 13, w: 10, ci: 16, co: 8, fh: 3, fw: 3, stride: 1, pad: 'valid' },
  { n: 2, h: 10, w: 9, ci: 8, co: 16, fh: 3, fw: 3, stride: 1, pad: [[0, 0], [2, 1], [0, 3], [0, 0]] },
  { n: 4, h: 24, w: 24, ci: 32, co: 32, fh: 3, fw: 3, stride: 1, pad: 'same' },
  { n: 4, h: 12, w: 12, ci: 64, co: 64, fh: 3, fw: 3, stride: 1, pad: 'same' },
];

/** Output of the forward convolution of case c (the input gradient's output is the input). */
function outputSize(c: ConvCase): [number, number] {
  if (c.pad === 'same') return [c.h, c.w];
  if (c.pad === 'valid') return [c.h - 2, c.w - 2];
  return [c.h + c.pad[1][0] + c.pad[1][1] - 2, c.w + c.pad[2][0] + c.pad[2][1] - 2];
}

/** y, dx or dW of case c. */
function kernel(c: ConvCase, which: 0 | 1 | 2): tf.Tensor {
  const x = tf.tensor4d(randomValues(c.n * c.h * c.w * c.ci, 81), [c.n, c.h, c.w, c.ci]);
  const w = tf.tensor4d(randomValues(9 * c.ci * c.co, 82), [3, 3, c.ci, c.co]);
  const [oh, ow] = outputSize(c);
  if (which === 0) return tf.conv2d(x, w, 1, c.pad);
  const dy = tf.tensor4d(randomValues(c.n * oh * ow * c.co, 83), [c.n, oh, ow, c.co]);
  if (which === 1) return tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { strides: 1, pad: c.pad, dataFormat: 'NHWC', inputShape: x.shape }) as tf.Tensor;
  return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: c.pad, dataFormat: 'NHWC', filterShape: [3, 3, c.ci, c.co] }) as tf.Tensor;
}

/** The planes argument of each Winograd task call made while computing y, dx and dW on wasm. */
async function planesOf(c: ConvCase): Promise<number[]> {
  await tf.setBackend('wasm');
  const run = vi.spyOn(heapPool(tf.backend() as BackendWasm), 'run');
  tf.tidy(() => ([0, 1, 2] as const).forEach((k) => kernel(c, k).dataSync()));
  const planes = run.mock.calls.flatMap(([task, args]) =>
    task === TaskId.NativeWinogradConv || task === TaskId.NativeWinogradFilterSums ? [args[17]!] : task === TaskId.NativeWinogradFilterGrad ? [args[6]!] : [],
  );
  run.mockRestore();
  await tf.setBackend('cpu');
  return planes;
}

describe('Winograd F(4x4, 3x3) on wasm', () => {
  beforeAll(initBoth);
  afterEach(() => useWinograd(false));

  it('is chosen only for outputs where its products are at most 3/4 of F(2x2)\'s, and only with tile 4', () => {
    useWinograd(true, 4);
    // products per channel pair, F(4x4) against F(2x2): 1296/2304, 324/576, 144/256, 144/256,
    // 144/144, 144/144, 36/64, 36/16, and 13x10 (partial tiles on both axes) 432/560
    expect([tileFor(24, 24), tileFor(12, 12), tileFor(8, 8), tileFor(7, 7), tileFor(6, 6), tileFor(5, 5), tileFor(3, 3), tileFor(1, 2), tileFor(13, 10)]).toEqual([4, 4, 4, 4, 2, 2, 4, 2, 2]);
    useWinograd(true);
    expect(tileFor(24, 24)).toBe(2);
  });

  it.each(CASES)('matches cpu, forward, input and filter gradients each: %j', async (c) => {
    useWinograd(true, 4);
    for (const which of [0, 1, 2] as const) {
      const outcome = await compareBackends(() => kernel(c, which));
      expect(outcome.shapesEqual).toBe(true);
      expect(outcome.relError, `kernel ${which}`).toBeLessThanOrEqual(TOLERANCE);
    }
    // y and dW by the output's size, dx by the input's
    const [oh, ow] = outputSize(c);
    const planes = (h: number, w: number): number => (tileFor(h, w) === 4 ? 36 : 16);
    expect(await planesOf(c)).toEqual([planes(oh, ow), planes(c.h, c.w), planes(oh, ow), planes(oh, ow)]);
    expect(planes(oh, ow)).toBe(36);
  });

  it('leaves a 6x6 output on F(2x2, 3x3), and tile 2 on it everywhere', async () => {
    useWinograd(true, 4);
    expect(await planesOf({ n: 2, h: 6, w: 6, ci: 8, co: 8, fh: 3, fw: 3, stride: 1, pad: 'same' })).toEqual([16, 16, 16, 16]);
    useWinograd(true, 2);
    expect(await planesOf(CASES[4]!)).toEqual([16, 16, 16, 16]);
  });
});
