import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseParams } from '../../src/ml/params/load.js';
import { trainSection } from '../../src/ml/params/train.js';
import { fit } from '../../src/ml/train/fit.js';
import { decayedKernels, WeightDecay } from '../../src/ml/train/weight-decay.js';
import { randomImages, tinyFitOptions, tinyVgg } from './tiny-vgg.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// the trainable weights in model order (names carry a global layer counter, so two models differ there)
const values = (model: tf.LayersModel): Float32Array[] => model.trainableWeights.map((w) => Float32Array.from(w.read().dataSync()));

describe('weight decay (train.weight_decay)', () => {
  it('decays the convolution and dense kernels only, not biases or batch norm', () => {
    const model = tinyVgg();
    const kernels = decayedKernels(model).map((v) => v.name.replace(/^.*_/, ''));
    expect(kernels).toEqual(['Conv2D1/kernel', 'Dense1/kernel', 'Dense2/kernel']);
    const names = model.trainableWeights.map((w) => w.originalName.replace(/^.*_/, ''));
    expect(names.filter((n) => !kernels.includes(n))).toEqual([
      'BatchNormalization1/gamma', 'BatchNormalization1/beta', 'BatchNormalization2/gamma', 'BatchNormalization2/beta', 'Dense2/bias',
    ]);
  });

  it('shrinks each kernel by lr x rate of itself and leaves the other weights alone', () => {
    const model = tinyVgg();
    const before = values(model);
    new WeightDecay(decayedKernels(model), 0.5).apply(0.2);
    const after = values(model);
    model.trainableWeights.forEach((w, k) => {
      const factor = w.originalName.endsWith('/kernel') ? Math.fround(0.9) : 1;
      before[k]!.forEach((v, i) => expect(after[k]![i]).toBe(Math.fround(v * factor)));
    });
  });

  it('refuses a rate of 0: off is no decay at all', () => {
    expect(() => new WeightDecay([], 0)).toThrow('weight decay needs a rate above 0, got 0');
  });

  it('fit decays before each optimizer step, at the step learning rate', () => {
    // one batch, one epoch: fit with decay must equal decaying by hand, then fitting without it
    const options = tinyFitOptions({ batchSize: 16, learningRate: 0.05, weightDecay: 4 });
    const train = randomImages(16, 1);
    const val = randomImages(8, 2);
    const decayed = tinyVgg();
    fit(decayed, train, val, options);
    const byHand = tinyVgg();
    new WeightDecay(decayedKernels(byHand), 4).apply(0.05);
    fit(byHand, train, val, { ...options, weightDecay: 0 });
    expect(values(decayed)).toEqual(values(byHand));
    // and the decay did change the result
    const plain = tinyVgg();
    fit(plain, train, val, { ...options, weightDecay: 0 });
    expect(values(plain)).not.toEqual(values(decayed));
  });

  it('params: a weight_decay that would zero the kernels in one step is refused at its line', () => {
    const r = parseParams('train:\n  learning_rate: 0.5\n  weight_decay: 2\n', 'params.yaml', trainSection);
    expect(r).toEqual({
      ok: false,
      failures: [{ where: 'params.yaml:3:17', message: 'train.weight_decay: learning_rate x weight_decay is 1: it must be below 1 (usual weight_decay: 0.01-0.5 with Adam at lr 0.001)' }],
    });
    const off = parseParams('train: {}\n', 'params.yaml', trainSection);
    expect(off.ok && off.value.weight_decay).toBe(0);
  });
});
