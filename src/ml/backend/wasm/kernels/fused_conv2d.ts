// FusedConv2D as the layers API calls it for a convolution without bias or activation (every
// conv of our CNN, batch norm following): by Winograd where it is switched on and applies
// (winograd.ts), else the package's kernel, unchanged.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { FusedConv2DAttrs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmCalls } from './calls.js';
import { maybeWinograd } from './conv2d_same_padding.js';

function fusedConv2d(args: {
  inputs: { x?: TensorInfo; filter?: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };
  backend: BackendWasm;
  attrs: FusedConv2DAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const plain = inputs.bias === undefined && inputs.preluActivationWeights === undefined && (attrs.activation === undefined || attrs.activation === 'linear');
  if (plain && attrs.dataFormat !== 'NCHW') {
    const y = maybeWinograd(backend, inputs.x!, inputs.filter!, attrs);
    if (y !== undefined) return y;
  }
  return new WasmCalls(backend).run('FusedConv2D', inputs, { ...attrs });
}

export const fusedConv2DConfig: KernelConfig = {
  kernelName: 'FusedConv2D',
  backendName: 'wasm',
  kernelFunc: fusedConv2d as unknown as KernelFunc,
};
