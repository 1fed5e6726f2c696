import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { lossAndAccuracy, predictProbabilities } from '../../src/ml/model/predict.js';
import { fit } from '../../src/ml/train/fit.js';
import { WeightAverage } from '../../src/ml/train/weight-average.js';
import { randomImages, tinyFitOptions, tinyVgg } from './tiny-vgg.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const snapshot = (model: tf.LayersModel): Float64Array[] => model.getWeights().map((w) => Float64Array.from(w.dataSync()));

/** The average as the module documents it, in float64: d = min(m, (1 + n) / (10 + n)). */
function expectedAverage(trajectory: Float64Array[][], momentum: number): Float64Array[] {
  const avg = trajectory[0]!.map((w) => Float64Array.from(w));
  for (let n = 1; n < trajectory.length; n++) {
    const d = Math.min(momentum, (1 + n) / (10 + n));
    trajectory[n]!.forEach((w, i) => w.forEach((v, j) => (avg[i]![j] = d * avg[i]![j]! + (1 - d) * v)));
  }
  return avg;
}

function maxRelativeError(actual: tf.Tensor[], expected: Float64Array[]): number {
  let worst = 0;
  actual.forEach((t, i) => {
    const a = t.dataSync();
    a.forEach((v, j) => {
      const e = expected[i]![j]!;
      worst = Math.max(worst, Math.abs(v - e) / Math.max(Math.abs(e), 1e-3));
    });
  });
  return worst;
}

describe('weight averaging (train.ema_momentum)', () => {
  it('averages every weight with the ramped decay, and puts the trained weights back after withAverage', () => {
    const model = tinyVgg();
    const average = new WeightAverage(model, 0.9);
    const trajectory = [snapshot(model)];
    expect([1, 2, 3].map(() => {
      const d = average.nextDecay();
      // move every weight (batch-norm statistics included) somewhere new, then fold it in
      model.setWeights(model.getWeights().map((w, i) => tf.add(w, tf.randomNormal(w.shape, 0, 1, 'float32', 10 * trajectory.length + i))));
      trajectory.push(snapshot(model));
      average.update();
      return d;
    })).toEqual([2 / 11, 3 / 12, 4 / 13]);
    const values = average.values();
    expect(values).toHaveLength(model.weights.length);
    expect(model.weights.some((w) => !w.trainable)).toBe(true);
    expect(maxRelativeError(values, expectedAverage(trajectory, 0.9))).toBeLessThan(1e-5);

    const trained = snapshot(model);
    const inside = average.withAverage(() => snapshot(model));
    expect(maxRelativeError(values, inside)).toBe(0);
    expect(snapshot(model)).toEqual(trained);
    // the ramp gives way to the momentum once (1 + n) / (10 + n) passes it
    for (let i = 0; i < 100; i++) average.update();
    expect(average.nextDecay()).toBe(0.9);
    average.dispose();
    values.forEach((t) => t.dispose());
  });

  it('refuses a momentum outside (0, 1): off is no average at all', () => {
    const model = tinyVgg();
    expect(() => new WeightAverage(model, 0)).toThrow('weight averaging needs 0 < momentum < 1, got 0');
    expect(() => new WeightAverage(model, 1)).toThrow('weight averaging needs 0 < momentum < 1, got 1');
  });

  it('fit validates and keeps the averaged weights, and trains on the raw ones', () => {
    const options = tinyFitOptions({ emaMomentum: 0.5 });
    const train = randomImages(48, 1);
    const val = randomImages(16, 2);
    const model = tinyVgg();
    // the weights after each optimizer step, as the loop's batch-end event sees them
    const trajectory = [snapshot(model)];
    const result = fit(model, train, val, options, (e) => {
      if (e.kind === 'batch-end') trajectory.push(snapshot(model));
    });
    expect(trajectory).toHaveLength(7);
    expect(maxRelativeError(result.bestWeights, expectedAverage(trajectory, 0.5))).toBeLessThan(1e-5);
    // training went on with the raw weights: the model holds the last step's, not the average
    expect(snapshot(model)).toEqual(trajectory[6]);
    expect(maxRelativeError(result.bestWeights, trajectory[6]!)).toBeGreaterThan(1e-3);
    // and the epoch's val_loss is that of the averaged weights
    model.setWeights(result.bestWeights);
    const v = lossAndAccuracy(predictProbabilities(model, val, { batchSize: 8, shape: options.shape, numClasses: 7, normalize: 'none' }), val.labels, 7);
    expect(result.history[0]!.val_loss).toBe(v.loss);

    // without averaging, the best (only) epoch's weights are the trained ones
    const plain = tinyVgg();
    const off = fit(plain, train, val, { ...options, emaMomentum: 0 });
    expect(maxRelativeError(off.bestWeights, snapshot(plain))).toBe(0);
  });
});
