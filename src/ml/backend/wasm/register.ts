// The one place that registers the project's training kernels for the `wasm` backend.
import { getGradient, getKernel, getKernelsForBackend, registerGradient, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs';
import { adamUpdateConfig } from './kernels/adam.js';
import { batchNormGradConfig, batchNormGradKernelConfig } from './kernels/batch_norm_grad.js';
import { rememberOriginal } from './kernels/calls.js';
import { castConfig } from './kernels/cast.js';
import { conv2DBackpropFilterConfig } from './kernels/conv2d_backprop_filter.js';
import { conv2DBackpropInputConfig } from './kernels/conv2d_backprop_input.js';
import { conv2DConfig } from './kernels/conv2d_same_padding.js';
import { batchMatMulConfig } from './kernels/batch_mat_mul.js';
import { fusedBatchNormConfig } from './kernels/fused_batch_norm.js';
import { fusedConv2DConfig } from './kernels/fused_conv2d.js';
import { identityConfig } from './kernels/identity.js';
import { maxPoolGradConfig } from './kernels/max_pool_grad.js';
import { meanConfig, sumConfig } from './kernels/reduce_sum_mean.js';
import { meanGradConfig, sumGradConfig } from './kernels/reduce_grad.js';
import { tileConfig } from './kernels/tile.js';
import { transposeConfig } from './kernels/transpose.js';

/** Kernels ours call internally; captured from the package before anything is overridden. */
const USED_ORIGINALS = ['Transpose', 'Reshape', 'Slice', 'PadV2', 'Identity', 'Conv2D', 'Reverse', 'BatchMatMul', 'Concat', 'Tile', 'Sum', 'Mean', 'FusedBatchNorm', 'Cast', 'FusedConv2D', 'Add', 'Relu', 'Relu6', 'Elu', 'Sigmoid', 'LeakyRelu', 'Prelu'];

export const TRAINING_KERNELS: readonly KernelConfig[] = [
  conv2DConfig,
  fusedConv2DConfig,
  conv2DBackpropFilterConfig,
  conv2DBackpropInputConfig,
  batchMatMulConfig,
  maxPoolGradConfig,
  tileConfig,
  transposeConfig,
  sumConfig,
  meanConfig,
  identityConfig,
  castConfig,
  batchNormGradKernelConfig,
  fusedBatchNormConfig,
  adamUpdateConfig,
];

let registered = false;

/** Registers (once per process) the training kernels; overrides the package's slow ones. */
export function registerWasmTrainingKernels(): string[] {
  if (!registered) {
    for (const k of getKernelsForBackend('wasm')) {
      if (USED_ORIGINALS.includes(k.kernelName)) rememberOriginal(k.kernelName, k.kernelFunc);
    }
    for (const config of TRAINING_KERNELS) {
      // Unregister first: re-registering a name only warns and overwrites, keep the log quiet.
      // The replaced kernel's setup (its cwrap of the C++ function, which ours may call) must
      // still run when the backend initialises, so it moves over to our config.
      const original = getKernel(config.kernelName, 'wasm') as KernelConfig | undefined;
      if (original !== undefined) unregisterKernel(config.kernelName, 'wasm');
      registerKernel({ ...config, setupFunc: original?.setupFunc, disposeFunc: original?.disposeFunc });
    }
    // Gradients are not per backend: these delegate to tfjs's own except on wasm.
    const bnGrad = getGradient('FusedBatchNorm');
    if (bnGrad !== undefined) registerGradient(batchNormGradConfig(bnGrad));
    const meanGrad = getGradient('Mean');
    if (meanGrad !== undefined) registerGradient(meanGradConfig(meanGrad));
    const sumGrad = getGradient('Sum');
    if (sumGrad !== undefined) registerGradient(sumGradConfig(sumGrad));
    registered = true;
  }
  return TRAINING_KERNELS.map((k) => k.kernelName);
}
