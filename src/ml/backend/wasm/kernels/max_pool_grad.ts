// MaxPoolGrad driven by the output gradient: for each pooling window find the (first) maximum
// of the input and add dy there. O(outputs × window) instead of the package's per-input-pixel
// search; same tie rule as the cpu backend (first maximum in row-major window order). Native
// SIMD code where the heap pool has it (native/max_pool_grad.c), else a JavaScript loop
// (heap-tasks.ts); the same bits either way.
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { MaxPoolGradAttrs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapIndex } from './heap.js';
import { chunksFor, heapPool } from './heap-pool.js';
import { TaskId } from './heap-tasks.js';

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
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth } = info;
  const { dilationHeight, dilationWidth, effectiveFilterHeight, effectiveFilterWidth } = info;
  // Images are independent: chunks of the batch run on every thread (heap-pool.ts).
  const chunks = Math.min(batchSize, chunksFor(batchSize * outHeight * outWidth * inChannels * effectiveFilterHeight * effectiveFilterWidth));
  const pool = heapPool(backend);
  pool.run(
    pool.native !== undefined ? TaskId.NativeMaxPoolGrad : TaskId.MaxPoolGrad,
    [
      heapIndex(backend, input),
      heapIndex(backend, dyInfo),
      heapIndex(backend, dx),
      batchSize,
      chunks,
      inHeight,
      inWidth,
      inChannels,
      outHeight,
      outWidth,
      strideHeight,
      strideWidth,
      dilationHeight,
      dilationWidth,
      effectiveFilterHeight,
      effectiveFilterWidth,
      info.padInfo.top,
      info.padInfo.left,
    ],
    chunks,
  );
  return dx;
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: 'MaxPoolGrad',
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as KernelFunc,
};
