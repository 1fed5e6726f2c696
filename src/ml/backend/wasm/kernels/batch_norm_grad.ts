// The batch-norm gradient in two passes over the activations. tfjs's generic gradient of
// FusedBatchNorm (one gradient for every backend) makes about a dozen full-size temporaries per
// layer (x − mean, dy·scale, a Tile of 1/σ, products, then sums). On wasm we compute, per
// channel c, Σdy and Σdy·(x − mean) in one pass and dx = dy·scale/σ in a second:
//   dx = dy·γ/σ,  dMean = −γ/σ·Σdy,  dVar = −½·γ/σ³·Σdy(x − μ),  dγ = Σdy(x − μ)/σ,  dβ = Σdy
// with σ = √(var + ε). Other backends, and shapes this does not cover, keep tfjs's gradient.
import * as tf from '@tensorflow/tfjs';
import type { GradConfig, KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapView } from './heap.js';

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
  const outs = [backend.makeOutput(x.shape, 'float32'), ...[0, 1, 2, 3].map(() => backend.makeOutput([c], 'float32'))];
  const [dxV, dMeanV, dVarV, dScaleV, dOffsetV] = outs.map((t) => heapView(backend, t) as Float32Array) as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
  const xv = heapView(backend, x) as Float32Array;
  const dyv = heapView(backend, inputs.dy!) as Float32Array;
  const mean = heapView(backend, inputs.mean!) as Float32Array;
  const variance = heapView(backend, inputs.variance!) as Float32Array;
  const scale = inputs.scale === undefined ? undefined : (heapView(backend, inputs.scale) as Float32Array);
  const sumDy = new Float64Array(c);
  const sumDyXm = new Float64Array(c);
  for (let r = 0, off = 0; r < rows; r++, off += c) {
    for (let k = 0; k < c; k++) {
      const d = dyv[off + k]!;
      sumDy[k] = sumDy[k]! + d;
      sumDyXm[k] = sumDyXm[k]! + d * (xv[off + k]! - mean[k]!);
    }
  }
  const gain = new Float32Array(c); // γ/σ
  for (let k = 0; k < c; k++) {
    const inv = 1 / Math.sqrt(variance[k]! + attrs.varianceEpsilon);
    const g = scale === undefined ? 1 : scale[scale.length === 1 ? 0 : k]!;
    gain[k] = g * inv;
    dMeanV[k] = -g * inv * sumDy[k]!;
    dVarV[k] = -0.5 * g * inv * inv * inv * sumDyXm[k]!;
    dScaleV[k] = inv * sumDyXm[k]!;
    dOffsetV[k] = sumDy[k]!;
  }
  for (let r = 0, off = 0; r < rows; r++, off += c) {
    for (let k = 0; k < c; k++) dxV[off + k] = dyv[off + k]! * gain[k]!;
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
