// blurSweep (npm run blur:sweep): a trained ensemble scored with the sharp images blurred by each σ.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CLASS_NAMES, readDataset, selectExamples, writeDataset } from '../../src/ml/data/dataset.js';
import { blurImages, blurSharpImages } from '../../src/ml/data/split/blur.js';
import { FailureError } from '../../src/ml/failure.js';
import { blurSweep, unblurredSplit } from '../../src/ml/model/blur-sweep.js';
import { loadEnsemble } from '../../src/ml/model/ensemble.js';
import { averageProbabilities, networkProbabilities } from '../../src/ml/model/ensemble-predict.js';
import { scoreMembers } from '../../src/ml/model/member-scores.js';
import { lossAndAccuracy } from '../../src/ml/model/predict.js';
import { toImageSet } from '../../src/ml/train/batches.js';
import { runTrain } from '../../src/ml/train/run.js';
import { makeProject } from './project.js';

const views = { flip: true, shift: 1, batchSize: 64 };

describe('blurSweep', () => {
  it('scores each σ as scoreMembers scores a split blurred by it, then all σ averaged', async () => {
    const p = await makeProject({ epochs: 1, ensemble: 2 });
    await runTrain(p.train, () => {});
    const raw = await readDataset(p.train.val); // the test project's splits are not blurred
    const rows = await blurSweep(p.train.model, raw, [0, 1.5], 2.13, 0, views);
    expect(rows.map((r) => r.sigma)).toEqual([0, 1.5, null]);

    // σ 0: the split as it is
    const asIs = await scoreMembers(p.train.model, p.train.val, views);
    expect(rows[0]!.loss).toBe(asIs[2]!.loss);
    expect(rows[0]!.accuracy).toBe(asIs[2]!.accuracy);
    expect(rows[0]!.membersLoss).toBeCloseTo((asIs[0]!.loss + asIs[1]!.loss) / 2, 10);

    // σ 1.5: the split blurred as split.sharp_blur 1.5 with sharp_detail 2.13 would blur it (about half the images)
    const tmp = await mkdtemp(join(tmpdir(), 'pipe-sweep-'));
    onTestFinished(() => rm(tmp, { recursive: true, force: true }));
    const { pixels, blurred } = blurSharpImages(raw.pixels, 48, 48, 1.5, 2.13);
    expect(blurred.some((b) => b === 1)).toBe(true);
    expect(blurred.some((b) => b === 0)).toBe(true);
    await writeDataset(join(tmp, 'val'), { ...raw, pixels });
    const sharp = await scoreMembers(p.train.model, join(tmp, 'val'), views);
    expect(rows[1]!.loss).toBe(sharp[2]!.loss);
    expect(rows[1]!.accuracy).toBe(sharp[2]!.accuracy);
    expect(rows[1]!.loss).not.toBe(rows[0]!.loss);

    // all averaged: each network's probabilities over both σ, then the networks'
    const k = CLASS_NAMES.length;
    const sets = [raw.pixels, pixels].map((px) => toImageSet({ ...raw, pixels: px }));
    const perNetwork: Float32Array[] = [];
    for (const { model, dir } of await loadEnsemble(p.train.model)) {
      perNetwork.push(averageProbabilities(sets.map((set) => networkProbabilities(model, dir, set, { ...views, numClasses: k }).probs)));
      model.dispose();
    }
    const expected = lossAndAccuracy(averageProbabilities(perNetwork), raw.labels, k);
    expect(rows[2]!.loss).toBeCloseTo(expected.loss, 6);
    expect(rows[2]!.accuracy).toBe(expected.accuracy);
  });

  it('split.blur then blurs every image, after the sharp ones, as the split stage does', async () => {
    const p = await makeProject({ epochs: 1 });
    await runTrain(p.train, () => {});
    const raw = await readDataset(p.train.val);
    const [row] = await blurSweep(p.train.model, raw, [1.5], 2.13, 0.8, views);
    const tmp = await mkdtemp(join(tmpdir(), 'pipe-sweep-'));
    onTestFinished(() => rm(tmp, { recursive: true, force: true }));
    const pixels = blurImages(blurSharpImages(raw.pixels, 48, 48, 1.5, 2.13).pixels, 48, 48, 0.8);
    await writeDataset(join(tmp, 'val'), { ...raw, pixels });
    const [expected] = await scoreMembers(p.train.model, join(tmp, 'val'), views);
    expect(row!.loss).toBe(expected!.loss);
    expect(row!.accuracy).toBe(expected!.accuracy);
  });

  it('one σ gives one row, no average', async () => {
    const p = await makeProject({ epochs: 1 });
    await runTrain(p.train, () => {});
    const rows = await blurSweep(p.train.model, await readDataset(p.train.val), [2], 0.05, 0, views);
    expect(rows.map((r) => r.sigma)).toEqual([2]);
  });
});

describe('unblurredSplit', () => {
  it("takes the split's images from the dataset by id, in the split's order", async () => {
    const p = await makeProject();
    const dataset = await readDataset(p.train.train);
    const split = selectExamples(dataset, [4, 1, 7]);
    const got = unblurredSplit(dataset, { ...split, pixels: new Uint8Array(split.pixels.length) }, 'data/split/val');
    expect(got.ids).toEqual(split.ids);
    expect(Array.from(got.pixels)).toEqual(Array.from(split.pixels));
    expect(Array.from(got.labels)).toEqual(Array.from(split.labels));
  });

  it('an image the dataset lacks is a failure that says to rerun the split', async () => {
    const p = await makeProject();
    const dataset = await readDataset(p.train.train);
    const split = selectExamples(dataset, [0, 2]);
    split.ids[1] = 'train/happy/gone.jpg';
    const err = (() => {
      try {
        return unblurredSplit(dataset, split, 'data/split/val');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(FailureError);
    expect((err as FailureError).failures).toEqual([
      {
        where: 'data/split/val',
        message: 'image train/happy/gone.jpg is not in the ingested dataset',
        hint: 'the split is older than the dataset: run `npx pipe repro split` first',
      },
    ]);
  });
});
