// The batch-norm gradient in two passes over the activations. tfjs's generic gradient of
// FusedBatchNorm (one gradient for every backend) makes about a dozen full-size temporaries per
// layer (x − mean, dy·scale, a Tile of 1/σ, products, then sums). On wasm we compute, per
// channel c, Σdy and Σdy·(x − mean) in one pass and dx = dy·scale/σ in a second:
//   dx = dy·γ/σ,  dMean = −γ/σ·Σdy,  dVar = −½·γ/σ³·Σdy(x − μ),  dγ = Σdy(x − μ)/σ,  dβ = Σdy
// with σ = √(var + ε). Both passes run in chunks on every thread (heap-pool.ts), as native SIMD
// code (native/batch_norm.c) where the heap pool has it, else as JavaScript loops (heap-tasks.ts);
// the two give the same bits. Other backends, and shapes this does not cover, keep tfjs's gradient.
import * as tf from '@tensorflow/tfjs';
import type { GradConfig, KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { float64Buffer, heapIndex, heapView } from './heap.js';
import { chunksFor, heapPool } from './heap-pool.js';
import { TaskId } from './heap-tasks.js';

export const BATCH_NORM_GRAD_KERNEL = 'PipeFusedBatchNormGrad';

function batchNormGrad(args: {
  inputs: { x?: TensorInfo; dy?: TensorInfo; mean?: TensorInfo; variance?: TensorInfo; scale?: TensorInfo };
  backend: BackendWasm;
  attrs: { varianceEpsilon: number };
}): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const x = inputs.x!;
  const c = inputs.mean!.shape[0]!;
  const rows = x.shape.reduce((p, d) => p * d, 1) / c;
  const pool = heapPool(backend);
  const native = pool.native !== undefined;
  const chunks = Math.min(rows, chunksFor(rows * c));
  const outs = [backend.makeOutput(x.shape, 'float32'), ...[0, 1, 2, 3].map(() => backend.makeOutput([c], 'float32'))];
  // The native passes' per-chunk float64 sums and float32 gains live in the heap; allocated with
  // the outputs, before the views below are taken.
  const partial = native ? float64Buffer(backend, chunks * 2 * c) : undefined;
  const gainT = native ? backend.makeOutput([c], 'float32') : undefined;
  const [dMeanV, dVarV, dScaleV, dOffsetV] = outs.slice(1).map((t) => heapView(backend, t) as Float32Array) as [Float32Array, Float32Array, Float32Array, Float32Array];
  const variance = heapView(backend, inputs.variance!) as Float32Array;
  const scale = inputs.scale === undefined ? undefined : (heapView(backend, inputs.scale) as Float32Array);
  // Pass 1, in chunks on every thread: per-chunk Σdy and Σdy·(x − mean), added in chunk order.
  const ins = [heapIndex(backend, x), heapIndex(backend, inputs.dy!), heapIndex(backend, inputs.mean!), rows, c, chunks];
  let sums: Float64Array;
  let gains: Float64Array | Float32Array;
  let gainAt: number;
  if (partial !== undefined && gainT !== undefined) {
    pool.run(TaskId.NativeBatchNormSums, [...ins, partial.byteOffset], chunks);
    sums = new Float64Array(pool.heap().buffer, partial.byteOffset, chunks * 2 * c);
    gains = heapView(backend, gainT) as Float32Array;
    gainAt = 0;
  } else {
    pool.scratch(chunks * 2 * c + c);
    pool.run(TaskId.BatchNormSums, [...ins, 0], chunks);
    sums = pool.scratch(chunks * 2 * c + c);
    gains = sums;
    gainAt = chunks * 2 * c; // γ/σ per channel, read by pass 2
  }
  for (let k = 0; k < c; k++) {
    let sumDy = 0;
    let sumDyXm = 0;
    for (let j = 0; j < chunks; j++) {
      sumDy += sums[j * 2 * c + k]!;
      sumDyXm += sums[j * 2 * c + c + k]!;
    }
    const inv = 1 / Math.sqrt(variance[k]! + attrs.varianceEpsilon);
    const g = scale === undefined ? 1 : scale[scale.length === 1 ? 0 : k]!;
    gains[gainAt + k] = g * inv;
    dMeanV[k] = -g * inv * sumDy;
    dVarV[k] = -0.5 * g * inv * inv * inv * sumDyXm;
    dScaleV[k] = inv * sumDyXm;
    dOffsetV[k] = sumDy;
  }
  // Pass 2: dx = dy·γ/σ (the float32 gain: scaleChannelsTask rounds it to float32 too).
  if (partial !== undefined && gainT !== undefined) {
    pool.run(TaskId.NativeScaleChannels, [heapIndex(backend, inputs.dy!), heapIndex(backend, outs[0]!), heapIndex(backend, gainT), rows, c, chunks], chunks);
    backend.disposeData(partial.tensor.dataId);
    backend.disposeData(gainT.dataId);
  } else {
    pool.run(TaskId.ScaleChannels, [heapIndex(backend, inputs.dy!), heapIndex(backend, outs[0]!), rows, c, chunks, gainAt], chunks);
  }
  return outs;
}

export const batchNormGradKernelConfig: KernelConfig = {
  kernelName: BATCH_NORM_GRAD_KERNEL,
  backendName: 'wasm',
  kernelFunc: batchNormGrad as unknown as KernelFunc,
};

/** FusedBatchNorm's gradient: ours on wasm for per-channel statistics, tfjs's otherwise. */
export function batchNormGradConfig(original: GradConfig): GradConfig {
  return {
    kernelName: 'FusedBatchNorm',
    inputsToSave: original.inputsToSave ?? ['x', 'mean', 'variance', 'scale'],
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: NamedAttrMap) => {
      const [x, mean, variance, scale] = saved;
      const perChannel =
        !Array.isArray(dy) &&
        x !== undefined &&
        mean !== undefined &&
        variance !== undefined &&
        x.dtype === 'float32' &&
        x.rank >= 2 &&
        mean.rank === 1 &&
        variance.rank === 1 &&
        mean.shape[0] === x.shape[x.rank - 1] &&
        variance.shape[0] === mean.shape[0] &&
        (scale === undefined || (scale.rank === 1 && (scale.shape[0] === mean.shape[0] || scale.shape[0] === 1)));
      if (tf.getBackend() !== 'wasm' || !perChannel) return original.gradFunc(dy, saved, attrs);
      // Computed now, not inside the per-input closures: the tape runs each closure in its own
      // tidy, which would dispose the other four outputs of the one kernel call.
      const grads = tf.engine().runKernel(
        BATCH_NORM_GRAD_KERNEL,
        { x, dy: dy as tf.Tensor, mean, variance, ...(scale === undefined ? {} : { scale }) },
        { varianceEpsilon: attrs['varianceEpsilon'] as number },
      ) as tf.Tensor[];
      const get = (i: number) => (): tf.Tensor => grads[i]!;
      return { x: get(0), mean: get(1), variance: get(2), scale: get(3), offset: get(4) };
    },
  };
}
