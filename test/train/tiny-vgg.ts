// A model and images small enough for one optimizer step to take milliseconds on the cpu backend,
// shared by the tests of the loop's weight-level options (averaging, decay).
import type * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../src/ml/model/build.js';
import { createRng } from '../../src/ml/random.js';
import type { ImageSet } from '../../src/ml/train/batches.js';
import type { FitOptions } from '../../src/ml/train/fit.js';

/** One conv block and one hidden dense layer with batch norm on 12x12 inputs: every kind of
 * weight (kernels, biases, batch norm's scale, offset and moving statistics), seeded. */
export function tinyVgg(): tf.LayersModel {
  return buildModel({
    spec: { architecture: 'vgg', filters: [4], convs_per_block: 1, stem_stride: 1, dense_units: [8], batch_norm: true, dropout_conv: 0, dropout_dense: 0 },
    inputShape: [12, 12, 1],
    numClasses: 7,
    seed: 3,
  });
}

/** n random 48x48 faces with random labels of 7 classes, the same for the same seed. */
export function randomImages(n: number, seed: number): ImageSet {
  const rng = createRng(seed);
  return {
    pixels: Uint8Array.from({ length: n * 48 * 48 }, () => rng.int(256)),
    labels: Uint8Array.from({ length: n }, () => rng.int(7)),
    height: 48,
    width: 48,
  };
}

/** One epoch on tinyVgg's 12x12 inputs with Adam and no augmentation, averaging or decay; a test
 * sets what it is about through `changes`. */
export function tinyFitOptions(changes: Partial<FitOptions>): FitOptions {
  return {
    epochs: 1, batchSize: 8, shuffle: true, seed: 5, numClasses: 7, shape: { height: 12, width: 12 },
    optimizer: 'adam', learningRate: 0.01, momentum: 0.9, nesterov: true, schedule: 'plateau',
    lrPatience: 2, lrFactor: 0.5, warmupEpochs: 0, earlyStoppingPatience: 3, restoreBestWeights: false,
    labelSmoothing: 0, mixupAlpha: 0, emaMomentum: 0, weightDecay: 0,
    augmentation: { flip: false, shift: 0, rotation: 0, zoom: 0, erase: 0 }, normalize: 'none',
    ...changes,
  };
}
