// evaluate.tta_shift (views moved towards the four corners, averaged) and evaluate.eval_split
// (score val instead of test): the shifting itself, the averaging, the params, and the stage.
import { readFile, writeFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../src/ml/data/dataset.js';
import { buildModel } from '../../src/ml/model/build.js';
import { runEvaluate } from '../../src/ml/model/evaluate.js';
import { loadModel } from '../../src/ml/model/io.js';
import { lossAndAccuracy, predictProbabilities } from '../../src/ml/model/predict.js';
import { predictWithShifts, shiftedSet, ttaOffsets } from '../../src/ml/model/tta.js';
import { evaluateSection } from '../../src/ml/params/evaluate.js';
import { parseParams } from '../../src/ml/params/load.js';
import { toImageSet, type ImageSet } from '../../src/ml/train/batches.js';
import { runTrain } from '../../src/ml/train/run.js';
import { makeProject } from './project.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('ttaOffsets', () => {
  it('is the image alone for 0, and the image then its four diagonal corners for N', () => {
    expect(ttaOffsets(0)).toEqual([[0, 0]]);
    expect(ttaOffsets(2)).toEqual([[0, 0], [-2, -2], [2, -2], [-2, 2], [2, 2]]);
    expect(() => ttaOffsets(-1)).toThrow('tta shift must be a whole number >= 0, got -1');
    expect(() => ttaOffsets(1.5)).toThrow('tta shift must be a whole number >= 0, got 1.5');
  });
});

describe('shiftedSet', () => {
  // two 3x4 images: 1..12 and 101..112, row by row
  const set: ImageSet = {
    pixels: Uint8Array.from([...Array.from({ length: 12 }, (_, i) => i + 1), ...Array.from({ length: 12 }, (_, i) => i + 101)]),
    labels: Uint8Array.from([0, 3]),
    height: 3,
    width: 4,
  };

  it('moves right and down by whole pixels, repeating the border that comes in', () => {
    const out = shiftedSet(set, 1, 1);
    expect(Array.from(out.pixels.subarray(0, 12))).toEqual([
      1, 1, 2, 3,
      1, 1, 2, 3,
      5, 5, 6, 7,
    ]);
    expect(Array.from(out.pixels.subarray(12))).toEqual([
      101, 101, 102, 103,
      101, 101, 102, 103,
      105, 105, 106, 107,
    ]);
    expect(out.labels).toBe(set.labels);
    expect([out.height, out.width]).toEqual([3, 4]);
  });

  it('moves left and up, and (0, 0) is an exact copy that leaves the source alone', () => {
    expect(Array.from(shiftedSet(set, -2, -1).pixels.subarray(0, 12))).toEqual([
      7, 8, 8, 8,
      11, 12, 12, 12,
      11, 12, 12, 12,
    ]);
    const same = shiftedSet(set, 0, 0);
    expect(same.pixels).toEqual(set.pixels);
    expect(same.pixels).not.toBe(set.pixels);
  });
});

describe('predictWithShifts', () => {
  const spec = {
    architecture: 'vgg' as const,
    filters: [4],
    convs_per_block: 1,
    stem_stride: 1,
    dense_units: [8],
    batch_norm: false,
    dropout_conv: 0,
    dropout_dense: 0,
  };
  const shape = { height: 48, width: 48 };
  const n = 5;
  const set: ImageSet = {
    // a seeded pattern with structure, so that moving it changes the prediction
    pixels: Uint8Array.from({ length: n * 48 * 48 }, (_, i) => (i * 37 + ((i % 48) * (i % 48)) / 9) % 256),
    labels: Uint8Array.from([0, 1, 2, 3, 4]),
    height: 48,
    width: 48,
  };

  it('with shift 0 is plain prediction; with N it is the mean over the five views', () => {
    const model = buildModel({ spec, inputShape: [48, 48, 1], numClasses: 7, seed: 11 });
    const options = { batchSize: 2, shape, numClasses: 7, flip: true, normalize: 'per_image' as const };
    const plain = predictProbabilities(model, set, options);
    expect(predictWithShifts(model, set, { ...options, shift: 0 })).toEqual(plain);

    const averaged = predictWithShifts(model, set, { ...options, shift: 2 });
    const views = ttaOffsets(2).map(([dx, dy]) => predictProbabilities(model, shiftedSet(set, dx, dy), options));
    expect(averaged.length).toBe(n * 7);
    for (let i = 0; i < averaged.length; i++) {
      const mean = views.reduce((s, v) => s + v[i]!, 0) / views.length;
      expect(averaged[i]).toBeCloseTo(mean, 6);
    }
    // each row still sums to 1, and the views did change the probabilities
    for (let r = 0; r < n; r++) expect(averaged.subarray(r * 7, r * 7 + 7).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(Math.max(...averaged.map((v, i) => Math.abs(v - plain[i]!)))).toBeGreaterThan(1e-4);
    model.dispose();
  });
});

describe('evaluate params tta_shift / eval_split', () => {
  it('default to 0 / test, and bad values fail with the key and its line', () => {
    const ok = parseParams('evaluate: {}\n', 'params.yaml', evaluateSection);
    expect(ok.ok && { tta_shift: ok.value.tta_shift, eval_split: ok.value.eval_split }).toEqual({ tta_shift: 0, eval_split: 'test' });
    const bad = parseParams('evaluate:\n  tta_shift: -1\n  eval_split: train\n', 'params.yaml', evaluateSection);
    expect(bad).toEqual({
      ok: false,
      failures: [
        { where: 'params.yaml:2:14', message: 'evaluate.tta_shift must be an integer >= 0 and <= 8, got -1' },
        { where: 'params.yaml:3:15', message: 'evaluate.eval_split must be one of test, val, got "train"' },
      ],
    });
  });
});

describe('the evaluate stage with tta_shift and eval_split', () => {
  it('scores the split asked for, with the shift views averaged in, and records both', async () => {
    const p = await makeProject({ epochs: 2, augment_shift: 1 }, { tta_flip: false });
    await runTrain(p.train, () => {});
    const setParams = async (evaluate: Record<string, unknown>): Promise<void> => {
      const params = parse(await readFile(p.evaluate.params, 'utf8'));
      params.evaluate = { ...params.evaluate, ...evaluate };
      await writeFile(p.evaluate.params, stringify(params));
    };

    const plainLog: string[] = [];
    const plain = await runEvaluate(p.evaluate, (l) => plainLog.push(l));
    expect([plain.eval_split, plain.tta_shift, plain.n_test]).toEqual(['test', 0, p.counts.test]);
    expect(plainLog[1]).toMatch(/^test: \d+ images, loss /);

    await setParams({ eval_split: 'val' });
    const valLog: string[] = [];
    const onVal = await runEvaluate(p.evaluate, (l) => valLog.push(l));
    expect([onVal.eval_split, onVal.n_test]).toEqual(['val', p.counts.val]);
    expect(valLog[1]).toBe(`val: ${p.counts.val} images, loss ${onVal.loss.toFixed(4)}, accuracy ${onVal.accuracy.toFixed(4)}, macro-F1 ${onVal.macro_f1.toFixed(4)}`);
    expect(valLog[2]).toBe(`accuracy by FER2013 usage: PublicTest ${onVal.accuracy.toFixed(4)} (${p.counts.val} images)`);
    expect(valLog[3]).toMatch(/^first val image \(/);
    expect(JSON.parse(await readFile(p.evaluate.metrics, 'utf8')).eval_split).toBe('val');

    await setParams({ eval_split: 'test', tta_shift: 1 });
    const shifted = await runEvaluate(p.evaluate, () => {});
    expect(shifted.tta_shift).toBe(1);
    const model = await loadModel(p.train.model);
    const test = toImageSet(await readDataset(p.evaluate.test));
    const expected = predictWithShifts(model, test, { batchSize: 64, shape: { height: 12, width: 12 }, numClasses: 7, shift: 1 });
    expect(shifted.loss).toBeCloseTo(lossAndAccuracy(expected, test.labels, 7).loss, 10);
    expect(Math.abs(shifted.loss - plain.loss)).toBeGreaterThan(1e-4);
    model.dispose();
  });
});
