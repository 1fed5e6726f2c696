// The gradients of Mean and Sum without a full-size tensor of ones. tfjs's (one for every
// backend) multiply dy by `ones(x.shape)`, built in JavaScript and copied into the wasm heap, and
// Mean's then divides the product by the reduced size: for the batch-norm moments of our default
// model that was about 16.5 million ones per training step, built on one thread. Here dy is
// divided while still small (Mean) and broadcast by Tile, which copies blocks. The values are the
// same to the bit: dy·1 is dy, and each element is the same float32 division of the same dy.
import * as tf from '@tensorflow/tfjs';
import type { GradConfig, NamedAttrMap } from '@tensorflow/tfjs';

/**
 * dy's shape with the reduced axes kept as 1 and the reduced size, or undefined where this does
 * not apply. Tensors are made only inside the per-input closures, which the tape runs in a tidy.
 */
function expandedDy(dy: tf.Tensor | tf.Tensor[], x: tf.Tensor | undefined, attrs: NamedAttrMap): { dy: tf.Tensor; shape: number[]; x: tf.Tensor; reduceSize: number } | undefined {
  if (tf.getBackend() !== 'wasm' || Array.isArray(dy) || x === undefined || x.dtype !== 'float32' || dy.dtype !== 'float32') return undefined;
  const axes = tf.util.parseAxisParam(attrs['axis'] as number | number[], x.shape);
  const shape = x.shape.slice();
  let reduceSize = 1;
  for (const axis of axes) {
    reduceSize *= shape[axis]!;
    shape[axis] = 1;
  }
  if (tf.util.sizeFromShape(shape) !== dy.size) return undefined;
  return { dy, shape, x, reduceSize };
}

/**
 * The gradient of a reduction: dy (divided by the reduced size when `divide`, as for Mean)
 * broadcast to x's shape on wasm; tfjs's own gradient elsewhere.
 */
function reductionGradConfig(original: GradConfig, divide: boolean): GradConfig {
  return {
    kernelName: original.kernelName,
    inputsToSave: original.inputsToSave ?? ['x'],
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: NamedAttrMap) => {
      const e = expandedDy(dy, saved[0], attrs);
      if (e === undefined) return original.gradFunc(dy, saved, attrs);
      return {
        x: () => {
          const kept = tf.reshape(e.dy, e.shape);
          return tf.broadcastTo(divide ? tf.div(kept, e.reduceSize) : kept, e.x.shape);
        },
      };
    },
  };
}

/** Mean's gradient (tfjs's, given as `original`, stays in use off wasm). */
export function meanGradConfig(original: GradConfig): GradConfig {
  return reductionGradConfig(original, true);
}

/** Sum's gradient (tfjs's, given as `original`, stays in use off wasm). */
export function sumGradConfig(original: GradConfig): GradConfig {
  return reductionGradConfig(original, false);
}
