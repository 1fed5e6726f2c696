// Transpose for any caller (a model's own tf.transpose, gradients that transpose), on the heap
// pool's threads: see heap-transpose.ts for why the package's kernel is replaced.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { TransposeAttrs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmCalls } from './calls.js';

function transpose(args: { inputs: { x?: TensorInfo }; backend: BackendWasm; attrs: TransposeAttrs }): TensorInfo {
  return new WasmCalls(args.backend).transpose(args.inputs.x!, args.attrs.perm);
}

export const transposeConfig: KernelConfig = {
  kernelName: 'Transpose',
  backendName: 'wasm',
  kernelFunc: transpose as unknown as KernelFunc,
};
