// Cast to the dtype a tensor already has, without a copy (the output shares the input's buffer,
// as Identity does: identity.ts). tfjs.moments casts every batch-norm input to float32 before
// subtracting the mean, so the package's memcpy copied each normalised activation once per step.
// Casts that change the dtype keep the package's kernel.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { CastAttrs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmCalls } from './calls.js';
import { shareBuffer } from './identity.js';

function cast(args: { inputs: { x?: TensorInfo }; backend: BackendWasm; attrs: CastAttrs }): TensorInfo {
  const x = args.inputs.x!;
  if (x.dtype !== args.attrs.dtype || x.dtype === 'string') return new WasmCalls(args.backend).run('Cast', args.inputs, { ...args.attrs });
  return shareBuffer(args.backend, x);
}

export const castConfig: KernelConfig = {
  kernelName: 'Cast',
  backendName: 'wasm',
  kernelFunc: cast as unknown as KernelFunc,
};
