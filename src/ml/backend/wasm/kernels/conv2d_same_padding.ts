// Conv2D with 'same' padding passed to XNNPACK as explicit amounts. The package hands XNNPACK
// its TensorFlow-SAME flag, which returns all zeros when the stride exceeds the filter size
// (e.g. 6×6 input, 2×2 filter, stride 3); explicit padding gives the right answer everywhere.
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { Conv2DAttrs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmCalls } from './calls.js';

function conv2d(args: { inputs: { x?: TensorInfo; filter?: TensorInfo }; backend: BackendWasm; attrs: Conv2DAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const calls = new WasmCalls(backend);
  if (attrs.pad !== 'same' || attrs.dataFormat === 'NCHW') return calls.run('Conv2D', inputs, { ...attrs });
  const info = backend_util.computeConv2DInfo(
    inputs.x!.shape as [number, number, number, number],
    inputs.filter!.shape as [number, number, number, number],
    attrs.strides,
    attrs.dilations,
    'same',
    attrs.dimRoundingMode,
  );
  const { top, bottom, left, right } = info.padInfo;
  return calls.run('Conv2D', inputs, { ...attrs, pad: [[0, 0], [top, bottom], [left, right], [0, 0]] });
}

export const conv2DConfig: KernelConfig = {
  kernelName: 'Conv2D',
  backendName: 'wasm',
  kernelFunc: conv2d as unknown as KernelFunc,
};
