// Conv2DBackpropFilter (the filter gradient of conv2d), which the wasm backend lacks, as one
// forward convolution on XNNPACK:
//   dW[a,b,ci,co] = Σ_{n,i,j} xpad[n, i·sh + a, j·sw + b, ci] · dy[n,i,j,co]
// is a stride-1 convolution of x transposed to [Ci,H,W,N] (batch ↔ channels) with dy transposed
// to a [Ho,Wo,N,Co] filter, dilated by the stride; its [Ci,fh,fw,Co] output transposed is dW.
// When a filter tap has few inputs (fh·fw·Ci ≤ 32: a first layer on 1-3 channel images) that
// convolution has too few output rows to keep XNNPACK busy (9 for a 3x3 filter on grayscale) and
// cost 15x the layer's forward pass; there the patches matrix P (im2col, built on every thread) is
// small, and dWᵀ = dyᵀ·P is one plain matMul.
// Where the heap pool has the native kernels (native/conv2d_filter_grad.c) and the channels fit
// their 4x8 tiles, the project's own SIMD kernels compute the same sums instead, in the same
// order, so to the same bits (the C file says why): for the convolution path when Ci % 4 == 0 and
// Co % 8 == 0 (from x and dy with the batch moved inside, [H,W,N,C]; on our CNN's five such
// layers about twice as fast as XNNPACK with the same threads, in scratch timings of 2026-12-04),
// and for the im2col path when Co % 8 == 0 (from x padded to the taps, without building P:
// about 3x faster on our first layer). Other channel counts keep the paths above.
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { Conv2DBackpropFilterAttrs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmCalls } from './calls.js';
import { heapIndex } from './heap.js';
import { chunksFor, heapPool } from './heap-pool.js';
import { TaskId } from './heap-tasks.js';
import { winogradApplies, winogradFilterGrad } from './winograd.js';

/** Patch sizes (fh·fw·Ci) up to this go through im2col and one matMul. */
export const IM2COL_MAX_PATCH = 32;

function conv2DBackpropFilter(args: {
  inputs: { x?: TensorInfo; dy?: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DBackpropFilterAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const calls = new WasmCalls(backend);
  let x = inputs.x!;
  let dy = inputs.dy!;
  const nchw = attrs.dataFormat === 'NCHW';
  if (nchw) {
    x = calls.transpose(x, [0, 2, 3, 1]);
    dy = calls.transpose(dy, [0, 2, 3, 1]);
  }
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const { inHeight, inWidth, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  // Rows (columns) of the padded input the gradient reads; pad or crop the bottom (right) to it.
  const needH = filterHeight + (outHeight - 1) * strideHeight;
  const needW = filterWidth + (outWidth - 1) * strideWidth;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const bottom = needH - top - inHeight;
  const right = needW - left - inWidth;

  if (winogradApplies(backend, info, [x.dtype, dy.dtype], 'filter')) {
    const dW = winogradFilterGrad(backend, x, dy, top, left);
    if (nchw) calls.free(x, dy);
    return dW;
  }
  const patch = filterHeight * filterWidth * info.inChannels;
  const pool = heapPool(backend);
  const native = pool.native !== undefined && x.dtype === 'float32' && dy.dtype === 'float32';
  if (patch <= IM2COL_MAX_PATCH && native && info.outChannels % 8 === 0) {
    // The im2col product's sums, by the native kernel from x padded to the rows and columns the
    // taps read: no patches matrix, no transposes.
    const xp = calls.padOrCrop(x, [[0, 0], [top, bottom], [left, right], [0, 0]]); // [N, needH, needW, Ci]
    const dW = backend.makeOutput([filterHeight, filterWidth, info.inChannels, info.outChannels], 'float32');
    const tiles = Math.ceil(patch / 4) * (info.outChannels / 8);
    const chunks = Math.min(tiles, 2 * pool.threads);
    pool.run(
      TaskId.Conv2dFilterGradSmallPatch,
      [heapIndex(backend, xp), heapIndex(backend, dy), heapIndex(backend, dW), info.batchSize, needH, needW, info.inChannels, outHeight, outWidth, info.outChannels, filterHeight, filterWidth, strideHeight, strideWidth, tiles, chunks],
      chunks,
    );
    calls.free(xp);
    if (nchw) calls.free(x, dy);
    return dW;
  }
  if (patch <= IM2COL_MAX_PATCH && x.dtype === 'float32' && dy.dtype === 'float32') {
    const rows = info.batchSize * outHeight * outWidth;
    const p = backend.makeOutput([rows, patch], 'float32');
    const chunks = Math.min(rows, chunksFor(rows * patch));
    pool.run(
      TaskId.Patches,
      [heapIndex(backend, x), heapIndex(backend, p), rows, chunks, inHeight, inWidth, info.inChannels, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth, top, left],
      chunks,
    );
    const dy2 = calls.reshape(dy, [rows, info.outChannels]);
    const dyT = calls.transpose(dy2, [1, 0]); // [Co, rows]
    const a3 = calls.reshape(dyT, [1, info.outChannels, rows]);
    const b3 = calls.reshape(p, [1, rows, patch]);
    const prod = calls.run('BatchMatMul', { a: a3, b: b3 }, { transposeA: false, transposeB: false }); // [1, Co, patch]
    const prod2 = calls.reshape(prod, [info.outChannels, patch]);
    const t = calls.transpose(prod2, [1, 0]); // [patch, Co]
    const dW = calls.reshape(t, [filterHeight, filterWidth, info.inChannels, info.outChannels]);
    calls.free(p, dy2, dyT, a3, b3, prod, prod2, t);
    if (nchw) calls.free(x, dy);
    return dW;
  }
  if (native && info.inChannels % 4 === 0 && info.outChannels % 8 === 0 && x.dtype === 'float32' && dy.dtype === 'float32') {
    const xT = calls.transpose(x, [1, 2, 0, 3]); // [H, W, N, Ci]
    const dyT = calls.transpose(dy, [1, 2, 0, 3]); // [Ho, Wo, N, Co]
    const dW = backend.makeOutput([filterHeight, filterWidth, info.inChannels, info.outChannels], 'float32');
    const tiles = filterHeight * filterWidth * (info.inChannels / 4) * (info.outChannels / 8);
    // Two chunks per thread: the caller and the workers finish close together even when one core
    // runs slower. Chunking does not change the result (each tile is summed whole by one chunk).
    const chunks = Math.min(tiles, 2 * pool.threads);
    pool.run(
      TaskId.Conv2dFilterGrad,
      [heapIndex(backend, xT), heapIndex(backend, dyT), heapIndex(backend, dW), info.batchSize, inHeight, inWidth, info.inChannels, outHeight, outWidth, info.outChannels, filterWidth, strideHeight, strideWidth, top, left, tiles, chunks],
      chunks,
    );
    calls.free(xT, dyT);
    if (nchw) calls.free(x, dy);
    return dW;
  }
  const xT = calls.transpose(x, [3, 1, 2, 0]); // [Ci, H, W, N]
  const xIn = bottom < 0 || right < 0 ? calls.padOrCrop(xT, [[0, 0], [0, Math.min(0, bottom)], [0, Math.min(0, right)], [0, 0]]) : xT;
  const dyT = calls.transpose(dy, [1, 2, 0, 3]); // [Ho, Wo, N, Co]
  const conv = calls.run(
    'Conv2D',
    { x: xIn, filter: dyT },
    {
      strides: [1, 1],
      dilations: [strideHeight, strideWidth],
      pad: [[0, 0], [top, Math.max(0, bottom)], [left, Math.max(0, right)], [0, 0]],
      dataFormat: 'NHWC',
    },
  ); // [Ci, fh, fw, Co]
  const dW = calls.transpose(conv, [1, 2, 0, 3]);
  calls.free(conv, dyT, xT);
  if (xIn !== xT) calls.free(xIn);
  if (nchw) calls.free(x, dy);
  return dW;
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
