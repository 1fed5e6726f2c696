// Entry point of the project's WebAssembly training backend: threads, training kernels, setBackend.
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './register.js';
import { withPthreadWorkers } from './threads.js';
import { useWinograd, type WinogradTile } from './kernels/winograd.js';

export { useWinograd, winogradEnabled, winogradTile, type WinogradTile } from './kernels/winograd.js';

export interface WasmBackendInfo {
  /** Threads XNNPACK actually runs with (1 when the threaded build is not used). */
  threads: number;
  simd: boolean;
}

/**
 * Initialises tfjs's `wasm` backend for training and makes it the active backend.
 *
 * `threads` defaults to the number of logical cores; 1 selects the single-threaded SIMD build.
 * Only the first call chooses the thread count (the wasm module is created once per process);
 * later calls just re-activate the backend and report what is in use.
 *
 * `winograd: true` computes 3x3 stride-1 convolutions and their gradients by Winograd F(2x2, 3x3)
 * (kernels/winograd.ts): faster, equal to float32 rounding but not to the bit. `winogradTile: 4`
 * also lets outputs where it needs clearly fewer multiplies (7x7 and larger, 3x3 and 4x4: tileFor)
 * use F(4x4, 3x3): faster again, with more rounding.
 *
 * The pthread workers are unref'd, so they do not keep the process alive on their own.
 */
export async function initWasmBackend(options: { threads?: number; winograd?: boolean; winogradTile?: WinogradTile } = {}): Promise<WasmBackendInfo> {
  const requested = Math.max(1, Math.floor(options.threads ?? os.cpus().length));
  const env = tf.env();
  const simd = (await env.getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  registerWasmTrainingKernels();
  // Every call sets it (default off): a process that trains twice gets what each call asks for.
  useWinograd(options.winograd ?? false, options.winogradTile ?? 2);
  const alreadyCreated = tf.engine().registry['wasm'] !== undefined;
  if (!alreadyCreated) {
    // The threaded build exists only with SIMD; the package disables threads in Node by default.
    const useThreads = simd && requested > 1;
    env.set('WASM_HAS_MULTITHREAD_SUPPORT', useThreads);
    setThreadsCount(useThreads ? requested : 1);
    const ok = useThreads
      ? await withPthreadWorkers(requested, () => tf.setBackend('wasm'))
      : await tf.setBackend('wasm');
    if (!ok) throw new Error('the tfjs wasm backend failed to initialise');
  } else if (!(await tf.setBackend('wasm'))) {
    throw new Error('the tfjs wasm backend failed to initialise');
  }
  await tf.ready();
  return { threads: getThreadsCount(), simd };
}
