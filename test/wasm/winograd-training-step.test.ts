// One training step of a small CNN whose 3x3 stride-1 convolutions take Winograd (8 and 16
// channels, batch norm, ReLU, max-pool, dense, softmax cross-entropy) gives the cpu backend's
// gradients and, after an Adam update, its weights.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useWinograd } from '../../src/ml/backend/wasm/index.js';
import { compareBackends, initBoth, randomValues, TOLERANCE } from './compare.js';

function buildCnn(): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.conv2d({ inputShape: [12, 12, 1], filters: 8, kernelSize: 3, strides: 2, padding: 'same', useBias: false, kernelInitializer: tf.initializers.heNormal({ seed: 1 }) }));
  m.add(tf.layers.batchNormalization());
  m.add(tf.layers.activation({ activation: 'relu' }));
  m.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: tf.initializers.heNormal({ seed: 2 }) }));
  m.add(tf.layers.batchNormalization());
  m.add(tf.layers.activation({ activation: 'relu' }));
  m.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: 3 }) }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }));
  return m;
}

const BATCH = 6;
const xs = randomValues(BATCH * 12 * 12, 111);
const labels = [0, 2, 1, 1, 0, 2];

function step(adam: boolean): tf.Tensor[] {
  const model = buildCnn();
  const x = tf.tensor4d(xs, [BATCH, 12, 12, 1]);
  const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 3);
  const lossFn = (): tf.Scalar => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
  if (!adam) {
    const { grads } = tf.variableGrads(lossFn);
    return model.trainableWeights.map((w) => grads[w.originalName]!);
  }
  tf.train.adam(0.01).minimize(lossFn);
  return model.trainableWeights.map((w) => w.read().clone());
}

describe('a CNN training step on wasm with Winograd convolutions', () => {
  beforeAll(async () => {
    await initBoth();
    useWinograd(true);
  });
  afterAll(() => useWinograd(false));

  it('gives the cpu backend gradients', async () => {
    const outcome = await compareBackends(() => step(false));
    expect(outcome.shapesEqual).toBe(true);
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });

  it('gives the cpu backend weights after an Adam update', async () => {
    const outcome = await compareBackends(() => step(true));
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });
});
