// MaxPoolGrad driven by the output gradient: for each pooling window find the (first) maximum
// of the input and add dy there. O(outputs × window) instead of the package's per-input-pixel
// search; same tie rule as the cpu backend (first maximum in row-major window order).
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { MaxPoolGradAttrs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapView } from './heap.js';

function maxPoolGrad(args: { inputs: { dy?: TensorInfo; input?: TensorInfo }; backend: BackendWasm; attrs: MaxPoolGradAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const input = inputs.input!;
  const dyInfo = inputs.dy!;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const dx = backend.makeOutput(input.shape, 'float32');
  const x = heapView(backend, input) as Float32Array;
  const dy = heapView(backend, dyInfo) as Float32Array;
  const out = heapView(backend, dx) as Float32Array;
  out.fill(0);
  const { batchSize, inHeight, inWidth, inChannels: C, outHeight, outWidth, strideHeight, strideWidth } = info;
  const { dilationHeight, dilationWidth, effectiveFilterHeight, effectiveFilterWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const rowStride = inWidth * C;
  const best = new Float32Array(C);
  const bestAt = new Int32Array(C);
  for (let b = 0; b < batchSize; b++) {
    const xBase = b * inHeight * rowStride;
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * strideHeight - top;
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = ox * strideWidth - left;
        best.fill(-Infinity);
        bestAt.fill(-1);
        for (let fy = 0; fy < effectiveFilterHeight; fy += dilationHeight) {
          const yy = y0 + fy;
          if (yy < 0 || yy >= inHeight) continue;
          for (let fx = 0; fx < effectiveFilterWidth; fx += dilationWidth) {
            const xx = x0 + fx;
            if (xx < 0 || xx >= inWidth) continue;
            const base = xBase + yy * rowStride + xx * C;
            for (let c = 0; c < C; c++) {
              const v = x[base + c]!;
              if (v > best[c]!) {
                best[c] = v;
                bestAt[c] = base + c;
              }
            }
          }
        }
        const dyBase = ((b * outHeight + oy) * outWidth + ox) * C;
        for (let c = 0; c < C; c++) {
          const at = bestAt[c]!;
          if (at >= 0) out[at] = out[at]! + dy[dyBase + c]!;
        }
      }
    }
  }
  return dx;
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: 'MaxPoolGrad',
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as KernelFunc,
};
