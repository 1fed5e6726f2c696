// BatchMatMul on XNNPACK's fast path. The package's kernel uses XNNPACK only for a single
// non-transposed product; transposed operands (every dense-layer gradient) and batches go
// through scalar loops. We transpose explicitly first (cheap next to the product), fold a
// batch into rows when b is shared, and otherwise run one fast product per batch entry.
import { broadcast_util, type KernelConfig, type KernelFunc, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs';
import type { BatchMatMulAttrs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmCalls } from './calls.js';

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

function swapLastTwo(calls: WasmCalls, t: TensorInfo): TensorInfo {
  const rank = t.shape.length;
  const perm = [...Array(rank).keys()];
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return calls.transpose(t, perm);
}

function batchMatMul(args: { inputs: { a?: TensorInfo; b?: TensorInfo }; backend: BackendWasm; attrs: BatchMatMulAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const calls = new WasmCalls(backend);
  const a0 = inputs.a!;
  const b0 = inputs.b!;
  if (a0.dtype !== 'float32' || b0.dtype !== 'float32') return calls.run('BatchMatMul', inputs, { ...attrs });
  const a = attrs.transposeA ? swapLastTwo(calls, a0) : a0;
  const b = attrs.transposeB ? swapLastTwo(calls, b0) : b0;
  const temps = [a, b].filter((t, i) => t !== [a0, b0][i]);
  const [m, k] = a.shape.slice(-2) as [number, number];
  const n = b.shape[b.shape.length - 1]!;
  const batchA = size(a.shape.slice(0, -2));
  const batchB = size(b.shape.slice(0, -2));
  const outShape = [...broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2)), m, n];
  // Broadcast shapes other than "one side has batch 1" keep the package's general kernel.
  const plain = { transposeA: false, transposeB: false };
  let out: TensorInfo;
  if (batchA === 1 && batchB === 1) {
    out = calls.run('BatchMatMul', { a, b }, plain);
  } else if (batchB === 1) {
    const a2 = calls.reshape(a, [1, batchA * m, k]);
    const b2 = calls.reshape(b, [1, k, n]);
    out = calls.run('BatchMatMul', { a: a2, b: b2 }, plain);
    calls.free(a2, b2);
  } else if (batchA === batchB && a.shape.length === b.shape.length) {
    const a3 = calls.reshape(a, [batchA, m, k]);
    const b3 = calls.reshape(b, [batchB, k, n]);
    const parts: TensorInfo[] = [];
    for (let i = 0; i < batchA; i++) {
      const ai = calls.run('Slice', { x: a3 }, { begin: [i, 0, 0], size: [1, m, k] });
      const bi = calls.run('Slice', { x: b3 }, { begin: [i, 0, 0], size: [1, k, n] });
      parts.push(calls.run('BatchMatMul', { a: ai, b: bi }, plain));
      calls.free(ai, bi);
    }
    out = parts.length === 1 ? parts[0]! : calls.run('Concat', parts as unknown as NamedTensorInfoMap, { axis: 0 });
    if (parts.length > 1) calls.free(...parts);
    calls.free(a3, b3);
  } else {
    out = calls.run('BatchMatMul', { a, b }, plain);
  }
  calls.free(...temps);
  const shaped = calls.reshape(out, outShape);
  calls.free(out);
  return shaped;
}

export const batchMatMulConfig: KernelConfig = {
  kernelName: 'BatchMatMul',
  backendName: 'wasm',
  kernelFunc: batchMatMul as unknown as KernelFunc,
};
