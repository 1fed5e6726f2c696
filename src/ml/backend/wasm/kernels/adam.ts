// Adam's update of one variable as one kernel (PipeAdamUpdate, used by src/ml/train/adam.ts):
// the new weights and both new moments in a single pass, on every thread of the heap pool,
// instead of tfjs's 15 elementwise kernel calls per variable and step. The same float32
// operations in the same order (native/adam.c lists them), so training computes the same bits.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapIndex, heapView } from './heap.js';
import { chunksFor, heapPool } from './heap-pool.js';
import { TaskId } from './heap-tasks.js';
import { ADAM_UPDATE_KERNEL, type AdamUpdateAttrs } from '../../adam-kernel.js';

/**
 * inputs: the variable's value, its first and second moments, its gradient (same shape, float32),
 * and the scalars 1 − beta1^t and 1 − beta2^t as tfjs's AdamOptimizer computes them.
 * Outputs [value, first moment, second moment], new tensors (the caller assigns them).
 */
function adamUpdate(args: {
  inputs: { value?: TensorInfo; m?: TensorInfo; v?: TensorInfo; grad?: TensorInfo; oneMinusAccBeta1?: TensorInfo; oneMinusAccBeta2?: TensorInfo };
  backend: BackendWasm;
  attrs: AdamUpdateAttrs;
}): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const value = inputs.value!;
  const n = value.shape.reduce((a, b) => a * b, 1);
  for (const t of [value, inputs.m!, inputs.v!, inputs.grad!]) {
    if (t.dtype !== 'float32' || t.shape.reduce((a, b) => a * b, 1) !== n) throw new Error(`bug: ${ADAM_UPDATE_KERNEL} needs float32 tensors of one size`);
  }
  // The scalars as tfjs makes them: numbers become float32 tensors, 1 − beta is computed in
  // doubles first (`1 - this.beta1` in AdamOptimizer), 1 − beta^t is already a float32 tensor.
  const f = Math.fround;
  const omb1 = heapView(backend, inputs.oneMinusAccBeta1!)[0]!;
  const omb2 = heapView(backend, inputs.oneMinusAccBeta2!)[0]!;
  const outs = [value, inputs.m!, inputs.v!].map((t) => backend.makeOutput(t.shape, 'float32'));
  const chunks = chunksFor(n);
  const pool = heapPool(backend);
  pool.run(
    pool.native !== undefined ? TaskId.NativeAdam : TaskId.Adam,
    [
      heapIndex(backend, value),
      heapIndex(backend, inputs.m!),
      heapIndex(backend, inputs.v!),
      heapIndex(backend, inputs.grad!),
      ...outs.map((t) => heapIndex(backend, t)),
      n,
      chunks,
      f(attrs.beta1),
      f(1 - attrs.beta1),
      f(attrs.beta2),
      f(1 - attrs.beta2),
      omb1,
      omb2,
      f(attrs.epsilon),
      f(-attrs.learningRate),
    ],
    chunks,
  );
  return outs;
}

export const adamUpdateConfig: KernelConfig = {
  kernelName: ADAM_UPDATE_KERNEL,
  backendName: 'wasm',
  kernelFunc: adamUpdate as unknown as KernelFunc,
};
