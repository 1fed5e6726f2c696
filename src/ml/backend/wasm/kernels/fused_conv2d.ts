// FusedConv2D (a convolution, then optionally a bias and an activation, as the layers API calls
// it whenever it can): by Winograd where it is switched on and applies (winograd.ts), followed by
// the package's own Add and activation kernels; otherwise the package's fused kernel, unchanged.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { FusedConv2DAttrs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmCalls } from './calls.js';
import { maybeWinograd } from './conv2d_same_padding.js';

/** The package kernel of each fused activation, and its inputs and attributes. */
function activate(calls: WasmCalls, y: TensorInfo, attrs: FusedConv2DAttrs, prelu: TensorInfo | undefined): TensorInfo {
  switch (attrs.activation) {
    case undefined:
    case 'linear':
      return y;
    case 'relu':
      return calls.run('Relu', { x: y });
    case 'relu6':
      return calls.run('Relu6', { x: y });
    case 'elu':
      return calls.run('Elu', { x: y });
    case 'sigmoid':
      return calls.run('Sigmoid', { x: y });
    case 'leakyrelu':
      return calls.run('LeakyRelu', { x: y }, { alpha: attrs.leakyreluAlpha ?? 0.2 });
    case 'prelu':
      return calls.run('Prelu', { x: y, alpha: prelu! });
  }
}

function fusedConv2d(args: {
  inputs: { x?: TensorInfo; filter?: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };
  backend: BackendWasm;
  attrs: FusedConv2DAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const calls = new WasmCalls(backend);
  if (attrs.dataFormat !== 'NCHW' && (attrs.activation !== 'prelu' || inputs.preluActivationWeights !== undefined)) {
    const conv = maybeWinograd(backend, inputs.x!, inputs.filter!, attrs);
    if (conv !== undefined) {
      const biased = inputs.bias === undefined ? conv : calls.run('Add', { a: conv, b: inputs.bias });
      if (biased !== conv) calls.free(conv);
      const out = activate(calls, biased, attrs, inputs.preluActivationWeights);
      if (out !== biased) calls.free(biased);
      return out;
    }
  }
  return calls.run('FusedConv2D', inputs, { ...attrs });
}

export const fusedConv2DConfig: KernelConfig = {
  kernelName: 'FusedConv2D',
  backendName: 'wasm',
  kernelFunc: fusedConv2d as unknown as KernelFunc,
};
