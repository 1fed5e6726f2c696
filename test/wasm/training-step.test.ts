// One training step of a small CNN with every layer kind our models use (conv stride 1 and 2,
// batch norm, ReLU, max-pool, dropout, dense, softmax cross-entropy) gives the same gradients
// and, after an Adam and an SGD-momentum update, the same weights on wasm as on cpu.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareBackends, initBoth, randomValues, TOLERANCE } from './compare.js';

function buildSmallCnn(): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.conv2d({ inputShape: [12, 12, 1], filters: 4, kernelSize: 3, strides: 2, padding: 'same', useBias: false, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  m.add(tf.layers.batchNormalization());
  m.add(tf.layers.activation({ activation: 'relu' }));
  m.add(tf.layers.conv2d({ filters: 6, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.dropout({ rate: 0.25, seed: 3 }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 8, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }));
  m.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }));
  return m;
}

const BATCH = 5;
const xs = randomValues(BATCH * 12 * 12, 101);
const labels = [0, 2, 1, 1, 0];

function step(optimizer: () => tf.Optimizer | undefined): tf.Tensor[] {
  const model = buildSmallCnn();
  const x = tf.tensor4d(xs, [BATCH, 12, 12, 1]);
  const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 3);
  const lossFn = (): tf.Scalar => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
  const opt = optimizer();
  if (opt === undefined) {
    const { grads } = tf.variableGrads(lossFn);
    return model.trainableWeights.map((w) => grads[w.originalName]!);
  }
  opt.minimize(lossFn);
  return model.trainableWeights.map((w) => w.read().clone());
}

describe('a CNN training step on wasm', () => {
  beforeAll(initBoth);

  it('gives the cpu backend gradients', async () => {
    const outcome = await compareBackends(() => step(() => undefined));
    expect(outcome.shapesEqual).toBe(true);
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });

  it('gives the cpu backend weights after an Adam update', async () => {
    const outcome = await compareBackends(() => step(() => tf.train.adam(0.01)));
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });

  it('gives the cpu backend weights after an SGD momentum update', async () => {
    const outcome = await compareBackends(() => step(() => tf.train.momentum(0.05, 0.9, true)));
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });
});
