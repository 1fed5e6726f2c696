// train.normalize: per_image end to end: the model learns on standardized images, records the
// choice in model.json, and evaluate standardizes the test images the same way.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../src/ml/data/dataset.js';
import { runEvaluate } from '../../src/ml/model/evaluate.js';
import { getPreprocessing, loadModel } from '../../src/ml/model/io.js';
import { lossAndAccuracy, predictProbabilities } from '../../src/ml/model/predict.js';
import { toImageSet } from '../../src/ml/train/batches.js';
import { runTrain } from '../../src/ml/train/run.js';
import { makeProject } from './project.js';

describe('train.normalize: per_image', () => {
  it('trains, is recorded in the model, and evaluate feeds test images the same way', async () => {
    const p = await makeProject({ epochs: 5, normalize: 'per_image' });
    await runTrain(p.train, () => {});
    const evaluation = await runEvaluate(p.evaluate, () => {});
    expect(evaluation.normalize).toBe('per_image');
    // the fixture's majority class holds 10 of its 43 test images
    expect(evaluation.accuracy).toBeGreaterThan(10 / 43 + 0.3);

    const model = await loadModel(p.train.model);
    expect(getPreprocessing(model, p.train.model)).toEqual({ normalize: 'per_image' });
    const test = toImageSet(await readDataset(p.evaluate.test));
    const shape = { height: 12, width: 12 };
    const lossWith = (normalize: 'none' | 'per_image') =>
      lossAndAccuracy(predictProbabilities(model, test, { batchSize: 64, shape, numClasses: 7, normalize }), test.labels, 7).loss;
    // evaluate's loss is the standardized one, which differs from feeding raw [0, 1] pixels
    expect(evaluation.loss).toBeCloseTo(lossWith('per_image'), 10);
    expect(Math.abs(lossWith('none') - evaluation.loss)).toBeGreaterThan(1e-3);
    model.dispose();
    expect(tf.getBackend()).toBe('cpu');
  });
});
