// Batched inference: class probabilities for every image of a set, never holding more than one
// batch of floats. With `flip`, each image is also predicted mirrored and the two probability
// vectors are averaged (test-time augmentation; faces are roughly left-right symmetric).
import * as tf from '@tensorflow/tfjs';
import { fillImages, imageCount, type BatchShape, type ImageSet, type Normalization } from '../train/batches.js';

export interface PredictOptions {
  batchSize: number;
  shape: BatchShape;
  numClasses: number;
  flip?: boolean;
  /** the pixel normalization the model was trained with (default none) */
  normalize?: Normalization;
}

/** n*numClasses probabilities, row i for image i. */
export function predictProbabilities(model: tf.LayersModel, set: ImageSet, options: PredictOptions): Float32Array {
  const n = imageCount(set);
  const { batchSize, shape, numClasses } = options;
  const pixelsPer = shape.height * shape.width;
  const probs = new Float32Array(n * numClasses);
  const identity = new Uint32Array(n).map((_, i) => i);
  const buffer = new Float32Array(batchSize * pixelsPer);
  const passes = options.flip ? [false, true] : [false];
  for (let start = 0; start < n; start += batchSize) {
    const m = Math.min(batchSize, n - start);
    for (const flipAll of passes) {
      fillImages(set, identity, start, m, shape, buffer, { flipAll, normalize: options.normalize ?? 'none' });
      const out = tf.tidy(() => {
        const x = tf.tensor4d(buffer.subarray(0, m * pixelsPer), [m, shape.height, shape.width, 1]);
        return model.predict(x) as tf.Tensor;
      });
      const values = out.dataSync();
      out.dispose();
      const scale = 1 / passes.length;
      for (let i = 0; i < m * numClasses; i++) probs[start * numClasses + i] = probs[start * numClasses + i]! + values[i]! * scale;
    }
  }
  return probs;
}

/** Mean categorical cross-entropy (probabilities clipped to [1e-7, 1-1e-7], as Keras) and accuracy. */
export function lossAndAccuracy(probs: Float32Array, labels: Uint8Array, numClasses: number): { loss: number; accuracy: number } {
  const n = labels.length;
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const row = probs.subarray(i * numClasses, (i + 1) * numClasses);
    const p = Math.min(Math.max(row[labels[i]!]!, 1e-7), 1 - 1e-7);
    loss -= Math.log(p);
    if (argMax(row) === labels[i]) correct++;
  }
  return { loss: n === 0 ? NaN : loss / n, accuracy: n === 0 ? NaN : correct / n };
}

/** Index of the largest value; ties go to the lowest index (as tf.argMax). */
export function argMax(row: ArrayLike<number>): number {
  let best = 0;
  for (let j = 1; j < row.length; j++) if (row[j]! > row[best]!) best = j;
  return best;
}
