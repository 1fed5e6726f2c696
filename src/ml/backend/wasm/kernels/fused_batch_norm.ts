// FusedBatchNorm (batch normalization applied) as one pass in chunks on every thread
// (heap-pool.ts): y = offset + (x − mean)·scale/√(variance + ε) per channel of the last axis.
// The package's kernel runs on one thread; on the first layers' activations it cost as much as
// a convolution. The pass is native SIMD code where the heap pool has it (native/batch_norm.c),
// else a JavaScript loop (heap-tasks.ts), the same bits either way. Statistics that are neither
// per channel nor scalars go to the package's kernel.
import { type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { FusedBatchNormAttrs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmCalls } from './calls.js';
import { float64Buffer, heapIndex, heapView } from './heap.js';
import { chunksFor, heapPool } from './heap-pool.js';
import { TaskId } from './heap-tasks.js';

interface Inputs {
  x?: TensorInfo;
  mean?: TensorInfo;
  variance?: TensorInfo;
  offset?: TensorInfo;
  scale?: TensorInfo;
}

function fusedBatchNorm(args: { inputs: Inputs; backend: BackendWasm; attrs: FusedBatchNormAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const x = inputs.x!;
  const c = x.shape[x.shape.length - 1] ?? 0;
  const stats = [inputs.mean!, inputs.variance!, inputs.offset, inputs.scale];
  const perChannel = (t: TensorInfo | undefined): boolean => {
    if (t === undefined) return true;
    const n = t.shape[0] ?? 1;
    return t.dtype === 'float32' && t.shape.length <= 1 && (n === 1 || n === c);
  };
  if (x.dtype !== 'float32' || x.shape.length < 1 || c === 0 || !stats.every(perChannel)) {
    return new WasmCalls(backend).run('FusedBatchNorm', inputs as never, { ...attrs });
  }
  const rows = x.shape.reduce((p, d) => p * d, 1) / c;
  const y = backend.makeOutput(x.shape, 'float32');
  const pool = heapPool(backend);
  // The native kernel's constants (float64, in the heap): allocated before the views below.
  const buffer = pool.native !== undefined ? float64Buffer(backend, 2 * c) : undefined;
  const value = (t: TensorInfo | undefined, fallback: number): ((k: number) => number) => {
    if (t === undefined) return () => fallback;
    const v = heapView(backend, t) as Float32Array;
    return v.length === 1 ? () => v[0]! : (k) => v[k]!;
  };
  const mean = value(inputs.mean, 0);
  const variance = value(inputs.variance, 1);
  const offset = value(inputs.offset, 0);
  const scale = value(inputs.scale, 1);
  const chunks = Math.min(rows, chunksFor(rows * c));
  if (buffer !== undefined) {
    // y = x·g + b's constants computed as normalizeChannelsTask computes them (b = offset −
    // mean·g), so every value is the same.
    const gb = new Float64Array(pool.heap().buffer, buffer.byteOffset, 2 * c);
    for (let k = 0; k < c; k++) {
      const g = scale(k) / Math.sqrt(variance(k) + attrs.varianceEpsilon);
      gb[k] = g;
      gb[c + k] = offset(k) - mean(k) * g;
    }
    pool.run(TaskId.NativeNormalizeChannels, [heapIndex(backend, x), heapIndex(backend, y), rows, c, chunks, buffer.byteOffset, buffer.byteOffset + 8 * c], chunks);
    backend.disposeData(buffer.tensor.dataId);
    return y;
  }
  const scratch = pool.scratch(3 * c);
  for (let k = 0; k < c; k++) {
    scratch[k] = mean(k);
    scratch[c + k] = scale(k) / Math.sqrt(variance(k) + attrs.varianceEpsilon);
    scratch[2 * c + k] = offset(k);
  }
  pool.run(TaskId.NormalizeChannels, [heapIndex(backend, x), heapIndex(backend, y), rows, c, chunks, 0], chunks);
  return y;
}

export const fusedBatchNormConfig: KernelConfig = {
  kernelName: 'FusedBatchNorm',
  backendName: 'wasm',
  kernelFunc: fusedBatchNorm as unknown as KernelFunc,
};
