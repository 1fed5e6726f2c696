// Shared by the wasm kernel tests: run the same computation on `cpu` and on our `wasm` backend
// (single-threaded, training kernels registered) and measure how far apart the results are.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { initWasmBackend } from '../../src/ml/backend/wasm/index.js';
import { configureHeapPool, resetHeapPool, useNativeKernels } from '../../src/ml/backend/wasm/kernels/heap-pool.js';

let ready: Promise<unknown> | undefined;

export async function initBoth(): Promise<void> {
  ready ??= (async () => {
    tf.env().set('PROD', true); // silences the "install tfjs-node" banner (IS_TEST would add leak checks that tfjs's own cpu ops fail)
    await initWasmBackend({ threads: 1 });
    await tf.setBackend('cpu');
  })();
  await ready;
}

/** Deterministic pseudo-random values in [-1, 1) (a small LCG: tests must not depend on Math.random). */
export function randomValues(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

export interface Outcome {
  /** max |wasm - cpu| / max |cpu| over all outputs */
  relError: number;
  shapesEqual: boolean;
  cpuShape: number[];
  wasmShape: number[];
}

/** Runs `f` on cpu then on wasm (inside tidy) and compares every output tensor. */
export async function compareBackends(f: () => tf.Tensor | tf.Tensor[]): Promise<Outcome> {
  const run = async (backend: string): Promise<{ values: Float32Array[]; shapes: number[][] }> => {
    await tf.setBackend(backend);
    const outs = tf.tidy(() => {
      const r = f();
      return Array.isArray(r) ? r : [r];
    });
    const values = outs.map((t) => Float32Array.from(t.dataSync()));
    const shapes = outs.map((t) => t.shape);
    tf.dispose(outs);
    return { values, shapes };
  };
  const cpu = await run('cpu');
  const wasm = await run('wasm');
  await tf.setBackend('cpu');
  let maxDiff = 0;
  let maxRef = 0;
  cpu.values.forEach((ref, k) => {
    const got = wasm.values[k]!;
    for (let i = 0; i < ref.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs((got[i] ?? NaN) - ref[i]!) || (Number.isNaN(got[i]!) !== Number.isNaN(ref[i]!) ? Infinity : 0));
      maxRef = Math.max(maxRef, Math.abs(ref[i]!));
    }
  });
  return {
    relError: maxRef === 0 ? maxDiff : maxDiff / maxRef,
    shapesEqual: JSON.stringify(cpu.shapes) === JSON.stringify(wasm.shapes),
    cpuShape: cpu.shapes.flat(),
    wasmShape: wasm.shapes.flat(),
  };
}

export const TOLERANCE = 1e-4;

/**
 * For the native-kernel tests: the single-threaded wasm backend active before the file's tests,
 * and after each test the native kernels switched back on and spies removed.
 */
export function useWasmWithNativeKernels(): void {
  beforeAll(async () => {
    await initBoth();
    await tf.setBackend('wasm');
  });
  afterEach(() => {
    useNativeKernels(true);
    vi.restoreAllMocks();
  });
}

/**
 * For the heap-pool tests: the threaded wasm backend (2 threads) before the file's tests, and the
 * pool back to its defaults after them.
 */
export function useThreadedWasm(): void {
  beforeAll(async () => {
    tf.env().set('PROD', true);
    await initWasmBackend({ threads: 2 });
  });
  afterAll(() => {
    configureHeapPool({});
    resetHeapPool(tf.backend() as BackendWasm);
  });
}

type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

/** A convolution's shapes: batch, input height/width/channels, output channels, filter, stride, padding. */
export interface ConvCase { n: number; h: number; w: number; ci: number; co: number; fh: number; fw: number; stride: number | [number, number]; pad: Pad }

/** Shapes both convolution-gradient tests check: strides 1-3, uneven strides, same/valid/explicit padding. */
export const CONV_CASES: readonly ConvCase[] = [
  { n: 2, h: 7, w: 9, ci: 3, co: 4, fh: 3, fw: 3, stride: 1, pad: 'same' },
  { n: 3, h: 8, w: 8, ci: 2, co: 5, fh: 3, fw: 3, stride: 2, pad: 'same' },
  { n: 1, h: 9, w: 7, ci: 3, co: 2, fh: 3, fw: 3, stride: 2, pad: 'valid' },
  { n: 4, h: 10, w: 10, ci: 4, co: 3, fh: 5, fw: 5, stride: 1, pad: 'valid' },
  { n: 2, h: 11, w: 6, ci: 2, co: 3, fh: 2, fw: 2, stride: 3, pad: 'same' },
  { n: 2, h: 9, w: 8, ci: 1, co: 6, fh: 3, fw: 2, stride: [2, 1], pad: 'same' },
  { n: 2, h: 6, w: 7, ci: 3, co: 2, fh: 3, fw: 3, stride: 1, pad: [[0, 0], [2, 1], [0, 3], [0, 0]] },
  { n: 3, h: 8, w: 9, ci: 2, co: 4, fh: 3, fw: 3, stride: 2, pad: [[0, 0], [1, 0], [2, 2], [0, 0]] },
];

/**
 * Filter-gradient shapes the native kernel takes (Ci % 4, Co % 8, patches fh·fw·Ci above 32):
 * strides 1-3, uneven strides, same, valid, explicit and lopsided padding, a valid stride-2 layer
 * whose last input row is never read (the crop), 1x1 and 5x5 filters, a batch of 1.
 */
export const NATIVE_CASES: readonly ConvCase[] = [
  { n: 3, h: 8, w: 7, ci: 4, co: 8, fh: 3, fw: 3, stride: 1, pad: 'same' },
  { n: 2, h: 9, w: 10, ci: 8, co: 16, fh: 3, fw: 3, stride: 2, pad: 'valid' },
  { n: 2, h: 10, w: 9, ci: 8, co: 8, fh: 3, fw: 3, stride: 2, pad: 'same' },
  { n: 1, h: 7, w: 7, ci: 12, co: 24, fh: 3, fw: 3, stride: [1, 2], pad: [[0, 0], [2, 0], [1, 1], [0, 0]] },
  { n: 4, h: 10, w: 10, ci: 4, co: 8, fh: 5, fw: 5, stride: 1, pad: 'valid' },
  { n: 2, h: 11, w: 6, ci: 12, co: 8, fh: 2, fw: 2, stride: 3, pad: 'same' },
  { n: 3, h: 6, w: 6, ci: 40, co: 8, fh: 1, fw: 1, stride: 1, pad: 'valid' },
  { n: 5, h: 6, w: 7, ci: 8, co: 8, fh: 3, fw: 3, stride: 1, pad: [[0, 0], [2, 1], [0, 3], [0, 0]] },
];

/**
 * Filter-gradient shapes the native small-patch kernel takes (patches fh·fw·Ci of 32 or fewer,
 * Co % 8): our CNN's first layer (6 images: more than one block of 4), uneven strides, same,
 * valid (with a cropped last row), explicit padding, 5x5 on one channel, a patch of exactly 32,
 * 1-3 channels.
 */
export const NATIVE_SMALL_PATCH_CASES: readonly ConvCase[] = [
  { n: 6, h: 12, w: 12, ci: 1, co: 32, fh: 3, fw: 3, stride: 2, pad: 'same' },
  { n: 2, h: 9, w: 8, ci: 1, co: 16, fh: 3, fw: 2, stride: [2, 1], pad: 'same' },
  { n: 2, h: 10, w: 9, ci: 3, co: 8, fh: 3, fw: 3, stride: 2, pad: 'valid' },
  { n: 2, h: 6, w: 7, ci: 3, co: 8, fh: 3, fw: 3, stride: 1, pad: [[0, 0], [2, 1], [0, 3], [0, 0]] },
  { n: 4, h: 10, w: 10, ci: 1, co: 8, fh: 5, fw: 5, stride: 1, pad: 'valid' },
  { n: 2, h: 8, w: 9, ci: 2, co: 8, fh: 4, fw: 4, stride: 1, pad: 'same' },
  { n: 2, h: 11, w: 6, ci: 2, co: 24, fh: 2, fw: 2, stride: 3, pad: 'same' },
];
