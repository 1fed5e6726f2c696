// The training loop, identical on every backend: seeded shuffling and augmentation in JS, one
// optimizer step per batch (after the kernels' decoupled weight decay, when set), validation
// after each epoch, our own plateau / cosine learning-rate schedule and early stopping, and a
// copy of the best weights kept in memory (with emaMomentum, of the weights' moving average,
// which is also what validation scores). It returns data and reports progress through
// `onEvent`; the stage script does the printing.
import * as tf from '@tensorflow/tfjs';
import { createRng, permutation } from '../random.js';
import { reseedDropout } from '../model/build.js';
import { lossAndAccuracy, predictProbabilities } from '../model/predict.js';
import { fillImages, fillLabels, imageCount, type Augmentation, type BatchShape, type ImageSet, type Normalization } from './batches.js';
import { adam } from './adam.js';
import { cosineLr } from './cosine.js';
import { EarlyStopping } from './early-stopping.js';
import { Mixup } from './mixup.js';
import { PlateauScheduler } from './plateau.js';
import { WeightAverage } from './weight-average.js';
import { decayedKernels, WeightDecay } from './weight-decay.js';

export interface FitOptions {
  epochs: number;
  batchSize: number;
  shuffle: boolean;
  seed: number;
  numClasses: number;
  shape: BatchShape;
  optimizer: 'adam' | 'sgd';
  learningRate: number;
  /** sgd only */
  momentum: number;
  nesterov: boolean;
  schedule: 'plateau' | 'cosine';
  lrPatience: number;
  lrFactor: number;
  /** cosine only: epochs of linear warm-up */
  warmupEpochs: number;
  earlyStoppingPatience: number;
  restoreBestWeights: boolean;
  labelSmoothing: number;
  /** mixup's Beta(α, α) parameter; 0: no mixup */
  mixupAlpha: number;
  /** momentum of the weights' moving average (0: none): validated, and saved when best, in place of the raw weights */
  emaMomentum: number;
  /** decoupled weight decay of the kernels, scaled by the step's learning rate (0: none) */
  weightDecay: number;
  augmentation: Augmentation;
  normalize: Normalization;
}

/** One row of metrics/train_history.json. */
export interface EpochRow {
  epoch: number;
  loss: number;
  accuracy: number;
  val_loss: number;
  val_accuracy: number;
  lr: number;
  seconds: number;
}

export type FitEvent =
  | { kind: 'epoch-start'; epoch: number; epochs: number; batches: number; lr: number }
  | { kind: 'batch-end'; epoch: number; batch: number; batches: number; loss: number }
  | { kind: 'epoch-end'; row: EpochRow; epochs: number; etaSeconds: number; improved: boolean; lrReduced: boolean }
  | { kind: 'early-stop'; epoch: number; bestEpoch: number };

export interface FitResult {
  history: EpochRow[];
  /** 1-based epoch with the lowest val_loss */
  bestEpoch: number;
  bestValLoss: number;
  bestValAccuracy: number;
  stoppedEarly: boolean;
  epochsRun: number;
  /** wall time of the training steps and validation passes */
  trainSeconds: number;
  /** training images per second over all optimizer steps (validation excluded) */
  imagesPerSecond: number;
  /** the images and seconds of those steps (an ensemble's speed is their sums' ratio) */
  stepImages: number;
  stepSeconds: number;
  /** the best epoch's weights (the averaged ones with emaMomentum); the caller saves the model with them (then disposes) */
  bestWeights: tf.Tensor[];
}

type Optimizer = tf.Optimizer & { learningRate: number; setLearningRate?: (lr: number) => void };

function makeOptimizer(o: FitOptions): Optimizer {
  return (o.optimizer === 'adam'
    ? adam(o.learningRate)
    : tf.train.momentum(o.learningRate, o.momentum, o.nesterov)) as unknown as Optimizer;
}

function setLearningRate(optimizer: Optimizer, lr: number): void {
  // Adam reads `learningRate` at every step; Momentum caches it in a scalar: use its setter.
  if (typeof optimizer.setLearningRate === 'function') optimizer.setLearningRate(lr);
  else optimizer.learningRate = lr;
}

/** Keras' categorical cross-entropy on probabilities: clip, then -sum(y log p), batch mean. */
function crossEntropy(yTrue: tf.Tensor, probs: tf.Tensor): tf.Scalar {
  // mean over the batch of a rank-1 tensor is a scalar
  return tf.neg(tf.mean(tf.sum(tf.mul(yTrue, tf.log(tf.clipByValue(probs, 1e-7, 1 - 1e-7))), -1))) as tf.Scalar;
}

export function fit(
  model: tf.LayersModel,
  train: ImageSet,
  val: ImageSet,
  o: FitOptions,
  onEvent: (e: FitEvent) => void = () => {},
): FitResult {
  const n = imageCount(train);
  const { height, width } = o.shape;
  const pixelsPer = height * width;
  const batches = Math.ceil(n / o.batchSize);
  // Separate streams, so turning augmentation on or off does not change the shuffling order.
  const shuffleRng = createRng(o.seed);
  const augRng = createRng(o.seed + 1);
  const dropoutRng = createRng(o.seed + 2);
  const mixup = o.mixupAlpha > 0 ? new Mixup(o.mixupAlpha, createRng(o.seed + 3), o.batchSize, pixelsPer, o.numClasses) : null;
  const optimizer = makeOptimizer(o);
  const average = o.emaMomentum > 0 ? new WeightAverage(model, o.emaMomentum) : null;
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const decay = o.weightDecay > 0 ? new WeightDecay(decayedKernels(model), o.weightDecay) : null;
  const xBuf = new Float32Array(o.batchSize * pixelsPer);
  const yBuf = new Float32Array(o.batchSize * o.numClasses);
  const identity = new Uint32Array(n).map((_, i) => i);
  const stopper = new EarlyStopping(o.earlyStoppingPatience);
  const plateau = new PlateauScheduler({ factor: o.lrFactor, patience: o.lrPatience });
  let lr = o.learningRate;
  let bestWeights: tf.Tensor[] = [];
  let bestValAccuracy = NaN;
  const history: EpochRow[] = [];
  let stepSeconds = 0;
  let stepImages = 0;
  let stoppedEarly = false;
  const started = performance.now();

  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const t0 = performance.now();
    if (o.schedule === 'cosine') lr = cosineLr(epoch, o.epochs, o.learningRate, o.warmupEpochs);
    setLearningRate(optimizer, lr);
    onEvent({ kind: 'epoch-start', epoch: epoch + 1, epochs: o.epochs, batches, lr });
    const order = o.shuffle ? permutation(n, shuffleRng) : identity;
    let lossSum = 0;
    let correct = 0;
    for (let b = 0; b < batches; b++) {
      const start = b * o.batchSize;
      const m = Math.min(o.batchSize, n - start);
      const s0 = performance.now();
      fillImages(train, order, start, m, o.shape, xBuf, { aug: o.augmentation, rng: augRng, normalize: o.normalize });
      fillLabels(train, order, start, m, o.numClasses, o.labelSmoothing, yBuf);
      mixup?.apply(xBuf, yBuf, m);
      reseedDropout(model, dropoutRng);
      // before the gradient step, as Keras and PyTorch's AdamW do
      decay?.apply(lr);
      const { loss, probs } = step(model, optimizer, vars, xBuf, yBuf, m, o);
      average?.update();
      stepSeconds += (performance.now() - s0) / 1000;
      stepImages += m;
      lossSum += loss * m;
      for (let k = 0; k < m; k++) {
        const row = probs.subarray(k * o.numClasses, (k + 1) * o.numClasses);
        let arg = 0;
        for (let j = 1; j < o.numClasses; j++) if (row[j]! > row[arg]!) arg = j;
        if (arg === train.labels[order[start + k]!]) correct++;
      }
      onEvent({ kind: 'batch-end', epoch: epoch + 1, batch: b + 1, batches, loss });
    }
    const validate = () => predictProbabilities(model, val, { batchSize: o.batchSize, shape: o.shape, numClasses: o.numClasses, normalize: o.normalize });
    const valProbs = average ? average.withAverage(validate) : validate();
    const v = lossAndAccuracy(valProbs, val.labels, o.numClasses);
    const row: EpochRow = {
      epoch: epoch + 1,
      loss: lossSum / n,
      accuracy: correct / n,
      val_loss: v.loss,
      val_accuracy: v.accuracy,
      lr,
      seconds: (performance.now() - t0) / 1000,
    };
    history.push(row);
    const { improved, stop } = stopper.update(epoch + 1, v.loss);
    if (improved) {
      bestWeights.forEach((t) => t.dispose());
      bestWeights = average ? average.values() : model.getWeights().map((w) => w.clone());
      bestValAccuracy = v.accuracy;
    }
    let lrReduced = false;
    if (o.schedule === 'plateau') {
      const next = plateau.update(v.loss, lr);
      lrReduced = next.reduced;
      lr = next.lr;
    }
    const meanEpoch = history.reduce((s, r) => s + r.seconds, 0) / history.length;
    onEvent({ kind: 'epoch-end', row, epochs: o.epochs, etaSeconds: meanEpoch * (o.epochs - epoch - 1), improved, lrReduced });
    if (stop && epoch + 1 < o.epochs) {
      stoppedEarly = true;
      onEvent({ kind: 'early-stop', epoch: epoch + 1, bestEpoch: stopper.bestAt });
      break;
    }
  }
  optimizer.dispose();
  average?.dispose();
  if (o.restoreBestWeights && bestWeights.length > 0) model.setWeights(bestWeights);
  return {
    history,
    bestEpoch: stopper.bestAt,
    bestValLoss: stopper.bestValue,
    bestValAccuracy,
    stoppedEarly,
    epochsRun: history.length,
    trainSeconds: (performance.now() - started) / 1000,
    imagesPerSecond: stepSeconds > 0 ? stepImages / stepSeconds : 0,
    stepImages,
    stepSeconds,
    bestWeights,
  };
}

/** One optimizer step; returns the batch loss and the batch's predicted probabilities. */
function step(
  model: tf.LayersModel,
  optimizer: Optimizer,
  vars: tf.Variable[],
  xBuf: Float32Array,
  yBuf: Float32Array,
  m: number,
  o: FitOptions,
): { loss: number; probs: Float32Array } {
  let probsT: tf.Tensor | undefined;
  const lossT = tf.tidy(() => {
    const x = tf.tensor4d(xBuf.subarray(0, m * o.shape.height * o.shape.width), [m, o.shape.height, o.shape.width, 1]);
    const y = tf.tensor2d(yBuf.subarray(0, m * o.numClasses), [m, o.numClasses]);
    return optimizer.minimize(
      () => {
        const probs = model.apply(x, { training: true }) as tf.Tensor;
        probsT = tf.keep(probs);
        return crossEntropy(y, probs);
      },
      true,
      vars,
    )!;
  });
  const loss = lossT.dataSync()[0]!;
  const probs = probsT!.dataSync() as Float32Array;
  lossT.dispose();
  probsT!.dispose();
  return { loss, probs };
}
