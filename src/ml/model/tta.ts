// Shift test-time augmentation (evaluate.tta_shift): each image is also predicted moved by N
// pixels towards each corner, and the probabilities of the views are averaged. It is the
// "ten-crop" averaging of the FER2013 literature (centre + 4 corners, each also mirrored with
// tta_flip) for a network that sees the whole 48x48 face: instead of cropping, the image moves
// and its border pixels are repeated, which is what the training shift augmentation does
// (batches.ts clamps at the border), so every view lies inside the training distribution when
// N <= train.augment_shift.
//
// This lives apart from predict.ts on purpose: predict.ts is a dep of the train stage, and an
// evaluation-only option must not make a trained model stale.
import type * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../train/batches.js';
import { predictProbabilities, type PredictOptions } from './predict.js';

/** The (dx, dy) offsets of the views: the image itself, then the four diagonal corners. */
export function ttaOffsets(shift: number): Array<[number, number]> {
  if (!Number.isInteger(shift) || shift < 0) throw new Error(`tta shift must be a whole number >= 0, got ${shift}`);
  if (shift === 0) return [[0, 0]];
  return [
    [0, 0],
    [-shift, -shift],
    [shift, -shift],
    [-shift, shift],
    [shift, shift],
  ];
}

/**
 * A copy of `set` with every image moved by (dx, dy) whole pixels (positive: right, down);
 * pixels that come in from outside repeat the nearest border pixel.
 */
export function shiftedSet(set: ImageSet, dx: number, dy: number): ImageSet {
  const { height: h, width: w } = set;
  const per = h * w;
  const n = set.labels.length;
  const pixels = new Uint8Array(n * per);
  const clamp = (v: number, hi: number): number => (v < 0 ? 0 : v > hi ? hi : v);
  for (let k = 0; k < n; k++) {
    const src = set.pixels.subarray(k * per, (k + 1) * per);
    const dst = pixels.subarray(k * per, (k + 1) * per);
    for (let y = 0; y < h; y++) {
      const sy = clamp(y - dy, h - 1);
      for (let x = 0; x < w; x++) dst[y * w + x] = src[sy * w + clamp(x - dx, w - 1)]!;
    }
  }
  return { pixels, labels: set.labels, height: h, width: w };
}

/** Class probabilities averaged over the shift views (and, with options.flip, their mirrors). */
export function predictWithShifts(model: tf.LayersModel, set: ImageSet, options: PredictOptions & { shift: number }): Float32Array {
  const offsets = ttaOffsets(options.shift);
  let sum: Float32Array | null = null;
  for (const [dx, dy] of offsets) {
    const view = dx === 0 && dy === 0 ? set : shiftedSet(set, dx, dy);
    const probs = predictProbabilities(model, view, options);
    if (sum === null) sum = probs;
    else for (let i = 0; i < sum.length; i++) sum[i] = sum[i]! + probs[i]!;
  }
  const total = sum!;
  const scale = 1 / offsets.length;
  for (let i = 0; i < total.length; i++) total[i] = total[i]! * scale;
  return total;
}
