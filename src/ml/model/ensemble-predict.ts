// Class probabilities of one network of a model folder with the test-time views, and the average
// over an ensemble's networks: shared by evaluate and `npm run ensemble:members`, so both average
// with the same float32 arithmetic, in member order, and agree to the bit.
import type * as tf from '@tensorflow/tfjs';
import type { ImageSet, Normalization } from '../train/batches.js';
import { getPreprocessing } from './io.js';
import { predictWithShifts } from './tta.js';

export interface Views {
  batchSize: number;
  numClasses: number;
  flip: boolean;
  /** pixels towards each corner (0: none) */
  shift: number;
}

/** The network's probabilities over `set`, fed as its model.json says (input size, normalization). */
export function networkProbabilities(
  model: tf.LayersModel,
  dir: string,
  set: ImageSet,
  views: Views,
): { probs: Float32Array; normalize: Normalization } {
  const { normalize } = getPreprocessing(model, dir);
  const inputShape = model.inputs[0]!.shape; // [null, h, w, c]
  const shape = { height: inputShape[1] ?? set.height, width: inputShape[2] ?? set.width };
  return { probs: predictWithShifts(model, set, { ...views, shape, normalize }), normalize };
}

/** The mean of the networks' probabilities (one network: its own, unchanged). */
export function averageProbabilities(all: Float32Array[]): Float32Array {
  if (all.length === 1) return all[0]!;
  const avg = new Float32Array(all[0]!.length);
  for (const probs of all) for (let j = 0; j < avg.length; j++) avg[j]! += probs[j]! / all.length;
  return avg;
}
