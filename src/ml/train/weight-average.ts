// An exponential moving average of a model's weights (Polyak averaging; Keras' optimizer option
// `use_ema` with `ema_momentum`, TensorFlow's tf.train.ExponentialMovingAverage). After every
// optimizer step each weight's shadow moves towards it:
//   shadow = d * shadow + (1 - d) * weight,   d = min(momentum, (1 + n) / (10 + n))
// where n counts the updates. The ramp (TensorFlow's `num_updates`) is there because the shadow
// starts at the random initial weights: with d = 0.999 from the first step, a 224-batch epoch
// would leave 80% of the initial weights in it and the first epochs' validation would score noise.
//
// All of the model's weights are averaged, batch norm's moving mean and variance included (as
// timm's ModelEma does): the averaged kernels then meet statistics averaged over the same steps.
// The training loop validates, and keeps as the best epoch, the averaged weights; training goes
// on with the raw ones.
import * as tf from '@tensorflow/tfjs';

export class WeightAverage {
  private readonly shadow: tf.Variable[];
  private updates = 0;

  constructor(
    private readonly model: tf.LayersModel,
    private readonly momentum: number,
  ) {
    // off is no WeightAverage at all (the loop then runs exactly as before), never momentum 0
    if (!(momentum > 0 && momentum < 1)) throw new Error(`weight averaging needs 0 < momentum < 1, got ${momentum}`);
    this.shadow = model.weights.map((w) => tf.variable(w.read(), false));
  }

  /** The decay the next update will use. */
  nextDecay(): number {
    const n = this.updates + 1;
    return Math.min(this.momentum, (1 + n) / (10 + n));
  }

  /** Fold the model's current weights into the average; call once after each optimizer step. */
  update(): void {
    const d = this.nextDecay();
    this.updates++;
    tf.tidy(() => {
      this.model.weights.forEach((w, i) => {
        const s = this.shadow[i]!;
        s.assign(tf.add(tf.mul(s, d), tf.mul(w.read(), 1 - d)));
      });
    });
  }

  /** Copies of the averaged weights, in model.weights order; the caller disposes them. */
  values(): tf.Tensor[] {
    return this.shadow.map((s) => s.clone());
  }

  /** Runs `fn` with the averaged weights in the model, then puts the trained weights back. */
  withAverage<T>(fn: () => T): T {
    const trained = this.model.getWeights().map((w) => w.clone());
    this.model.setWeights(this.shadow);
    try {
      return fn();
    } finally {
      this.model.setWeights(trained);
      trained.forEach((t) => t.dispose());
    }
  }

  dispose(): void {
    this.shadow.forEach((s) => s.dispose());
  }
}
