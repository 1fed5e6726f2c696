// Conv2D with 'same' padding passed to XNNPACK as explicit amounts. The package hands XNNPACK
// its TensorFlow-SAME flag, which returns all zeros when the stride exceeds the filter size
// (e.g. 6×6 input, 2×2 filter, stride 3); explicit padding gives the right answer everywhere.
// 3x3 stride-1 convolutions go to Winograd instead where it is switched on (winograd.ts).
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { Conv2DAttrs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmCalls } from './calls.js';
import { winogradApplies, winogradConv2d, winogradEnabled } from './winograd.js';

function conv2d(args: { inputs: { x?: TensorInfo; filter?: TensorInfo }; backend: BackendWasm; attrs: Conv2DAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const calls = new WasmCalls(backend);
  if (attrs.dataFormat !== 'NCHW') {
    const y = maybeWinograd(backend, inputs.x!, inputs.filter!, attrs);
    if (y !== undefined) return y;
  }
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

/** The convolution by Winograd when it applies (NHWC), else undefined. */
export function maybeWinograd(
  backend: BackendWasm,
  x: TensorInfo,
  filter: TensorInfo,
  attrs: Pick<Conv2DAttrs, 'strides' | 'pad' | 'dilations' | 'dimRoundingMode'>,
): TensorInfo | undefined {
  if (!winogradEnabled()) return undefined;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  if (!winogradApplies(backend, info, [x.dtype, filter.dtype], 'forward')) return undefined;
  return winogradConv2d(backend, x, filter, info.padInfo.top, info.padInfo.left, info.outHeight, info.outWidth, false);
}

export const conv2DConfig: KernelConfig = {
  kernelName: 'Conv2D',
  backendName: 'wasm',
  kernelFunc: conv2d as unknown as KernelFunc,
};
