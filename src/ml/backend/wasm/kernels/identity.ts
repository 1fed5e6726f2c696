// Identity without a copy: the output shares the input's buffer (reference-counted, as the
// package's Reshape already does and the cpu backend's Identity does). tfjs never writes a
// tensor's buffer in place, and the engine clones every tensor it saves for the backward pass,
// so the package's memcpy cost a full copy of each saved activation (~250 per training step).
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmCalls } from './calls.js';

/** A new tensor on x's buffer (reference-counted): what Identity and a same-dtype Cast return. */
export function shareBuffer(backend: BackendWasm, x: TensorInfo): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

function identity(args: { inputs: { x?: TensorInfo }; backend: BackendWasm }): TensorInfo {
  const x = args.inputs.x!;
  if (x.dtype === 'string') return new WasmCalls(args.backend).run('Identity', args.inputs);
  return shareBuffer(args.backend, x);
}

export const identityConfig: KernelConfig = {
  kernelName: 'Identity',
  backendName: 'wasm',
  kernelFunc: identity as unknown as KernelFunc,
};
