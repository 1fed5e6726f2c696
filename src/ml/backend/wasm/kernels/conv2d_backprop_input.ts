// Conv2DBackpropInput (the input gradient of conv2d) as one forward convolution on XNNPACK; the
// package's own kernel is scalar loops. dx is dy (zero-interleaved when the stride is > 1)
// convolved with the spatially reversed filter whose in and out channels are swapped, padded by
// fh-1-top on top (fw-1-left on the left) and on the bottom/right by whatever makes the output
// exactly the input size (a negative amount crops rows the convolution would never read).
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { Conv2DBackpropInputAttrs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmCalls } from './calls.js';
import { heapIndex, heapView } from './heap.js';
import { heapPool } from './heap-pool.js';
import { TaskId } from './heap-tasks.js';
import { winogradApplies, winogradConv2d } from './winograd.js';

/**
 * dx for inputs with very few channels (typically the image entering the first layer), where a
 * convolution producing 1-4 channels wastes XNNPACK's SIMD width: one GEMM dy[N·Ho·Wo, Co] ×
 * Wᵀ[Co, fh·fw·Ci] gives each output pixel's contribution to its input patch, then the
 * patches are summed into place (col2im), fh·fw·Ci additions per output pixel: by the native
 * kernel (native/col2im.c) on every thread where the heap pool has it, else by the loop below on
 * this one; the same bits either way.
 */
function viaGemmAndCol2im(calls: WasmCalls, dy: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const k = filterHeight * filterWidth * inChannels;
  const dyMat = calls.reshape(dy, [1, batchSize * outHeight * outWidth, outChannels]);
  const w2 = calls.reshape(filter, [k, outChannels]);
  const wT = calls.transpose(w2, [1, 0]);
  const wT3 = calls.reshape(wT, [1, outChannels, k]);
  const cols = calls.run('BatchMatMul', { a: dyMat, b: wT3 }, { transposeA: false, transposeB: false });
  calls.free(dyMat, w2, wT, wT3);
  const dx = calls.backend.makeOutput([batchSize, inHeight, inWidth, inChannels], 'float32');
  const pool = heapPool(calls.backend);
  if (pool.native !== undefined) {
    // The same additions by the native kernel, the batch's images shared out over every thread.
    const chunks = Math.min(batchSize, 2 * pool.threads);
    pool.run(
      TaskId.NativeCol2im,
      [heapIndex(calls.backend, cols), heapIndex(calls.backend, dx), batchSize, chunks, inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth, info.padInfo.top, info.padInfo.left],
      chunks,
    );
    calls.free(cols);
    return dx;
  }
  const out = heapView(calls.backend, dx) as Float32Array;
  const cv = heapView(calls.backend, cols) as Float32Array;
  out.fill(0);
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  let row = 0;
  for (let n = 0; n < batchSize; n++) {
    for (let i = 0; i < outHeight; i++) {
      for (let j = 0; j < outWidth; j++, row += k) {
        for (let a = 0; a < filterHeight; a++) {
          const y = i * strideHeight - top + a;
          if (y < 0 || y >= inHeight) continue;
          for (let b = 0; b < filterWidth; b++) {
            const x = j * strideWidth - left + b;
            if (x < 0 || x >= inWidth) continue;
            const o = ((n * inHeight + y) * inWidth + x) * inChannels;
            const c0 = row + (a * filterWidth + b) * inChannels;
            for (let c = 0; c < inChannels; c++) out[o + c] = out[o + c]! + cv[c0 + c]!;
          }
        }
      }
    }
  }
  calls.free(cols);
  return dx;
}

/** Below this many input channels the GEMM + col2im route beats a thin convolution. */
const COL2IM_MAX_CHANNELS = 4;

function conv2DBackpropInput(args: {
  inputs: { dy?: TensorInfo; filter?: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DBackpropInputAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const calls = new WasmCalls(backend);
  const filter = inputs.filter!;
  const nchw = attrs.dataFormat === 'NCHW';
  const dy = nchw ? calls.transpose(inputs.dy!, [0, 2, 3, 1]) : inputs.dy!;
  const inputShape = (nchw
    ? [attrs.inputShape[0], attrs.inputShape[2], attrs.inputShape[3], attrs.inputShape[1]]
    : attrs.inputShape) as [number, number, number, number];
  const info = backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const { batchSize, inHeight, inWidth, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  if (winogradApplies(backend, info, [dy.dtype, filter.dtype], 'input')) {
    // The same convolution with the filter flipped, by Winograd (winograd.ts), padded by 2 − pad.
    const dx = winogradConv2d(backend, dy, filter, 2 - info.padInfo.top, 2 - info.padInfo.left, inHeight, inWidth, true);
    if (!nchw) return dx;
    calls.free(dy);
    const dxNchw = calls.transpose(dx, [0, 3, 1, 2]);
    calls.free(dx);
    return dxNchw;
  }
  if (info.inChannels <= COL2IM_MAX_CHANNELS) {
    const dx = viaGemmAndCol2im(calls, dy, filter, info);
    if (!nchw) return dx;
    calls.free(dy);
    const dxNchw = calls.transpose(dx, [0, 3, 1, 2]);
    calls.free(dx);
    return dxNchw;
  }

  // Zero-interleave dy for strides > 1: [N,Ho,1,Wo,1,C] padded to [N,Ho,sh,Wo,sw,C].
  let dyUp = dy;
  if (strideHeight > 1 || strideWidth > 1) {
    const r = calls.reshape(dy, [batchSize, outHeight, 1, outWidth, 1, outChannels]);
    const p = calls.run('PadV2', { x: r }, {
      paddings: [[0, 0], [0, 0], [0, strideHeight - 1], [0, 0], [0, strideWidth - 1], [0, 0]],
      constantValue: 0,
    });
    dyUp = calls.reshape(p, [batchSize, outHeight * strideHeight, outWidth * strideWidth, outChannels]);
    calls.free(r, p);
  }
  const rows = dyUp.shape[1]!;
  const cols = dyUp.shape[2]!;
  const top = filterHeight - 1 - info.padInfo.top;
  const left = filterWidth - 1 - info.padInfo.left;
  const bottom = inHeight + filterHeight - 1 - rows - top;
  const right = inWidth + filterWidth - 1 - cols - left;
  const crop = top < 0 || left < 0 || bottom < 0 || right < 0;
  const dyIn = crop
    ? calls.padOrCrop(dyUp, [[0, 0], [Math.min(0, top), Math.min(0, bottom)], [Math.min(0, left), Math.min(0, right)], [0, 0]])
    : dyUp;

  const reversed = calls.run('Reverse', { x: filter }, { dims: [0, 1] });
  const flipped = calls.transpose(reversed, [0, 1, 3, 2]); // [fh, fw, Co, Ci]
  const dxNhwc = calls.run(
    'Conv2D',
    { x: dyIn, filter: flipped },
    {
      strides: [1, 1],
      dilations: [1, 1],
      pad: [[0, 0], [Math.max(0, top), Math.max(0, bottom)], [Math.max(0, left), Math.max(0, right)], [0, 0]],
      dataFormat: 'NHWC',
    },
  );
  calls.free(reversed, flipped);
  if (dyIn !== dyUp) calls.free(dyIn);
  if (dyUp !== dy) calls.free(dyUp);
  if (!nchw) return dxNhwc;
  calls.free(dy);
  const dx = calls.transpose(dxNhwc, [0, 3, 1, 2]);
  calls.free(dxNhwc);
  return dx;
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropInput',
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput as unknown as KernelFunc,
};
