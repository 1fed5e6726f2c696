// Decoupled weight decay (Loshchilov & Hutter's AdamW; the `weight_decay` argument of Keras' and
// PyTorch's optimizers): before each optimizer step every kernel shrinks towards zero,
//   kernel = kernel - lr * decay * kernel,
// apart from the gradient, so Adam's per-weight scaling does not weaken it the way an L2 term in
// the loss would be weakened. lr is the step's scheduled learning rate, as in Keras and PyTorch,
// so the decay anneals with the schedule.
//
// Only kernels decay (convolution and dense weights, found by their Keras name `.../kernel`), not
// biases or batch norm's scale and offset: shrinking those only shifts or flattens activations,
// and most published recipes exclude them. Behind batch norm a kernel's scale does not change the
// layer's output, so there the decay mainly keeps the kernels small enough that each step still
// turns them (a larger effective learning rate); on the softmax layer it is a plain penalty.
import * as tf from '@tensorflow/tfjs';

/** The trainable kernels of a model (names ending in `kernel`: `kernel`, `depthwise_kernel`, ...). */
export function decayedKernels(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.filter((w) => /(^|\/)[a-z_]*kernel$/.test(w.originalName)).map((w) => w.read() as tf.Variable);
}

export class WeightDecay {
  constructor(
    private readonly kernels: tf.Variable[],
    private readonly rate: number,
  ) {
    // off is no WeightDecay at all (the loop then runs exactly as before), never rate 0
    if (!(rate > 0)) throw new Error(`weight decay needs a rate above 0, got ${rate}`);
  }

  /** Shrink every kernel by lr * rate of itself; call once before each optimizer step. */
  apply(lr: number): void {
    const keep = 1 - lr * this.rate;
    tf.tidy(() => this.kernels.forEach((k) => k.assign(tf.mul(k, keep))));
  }
}
