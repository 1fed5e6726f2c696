import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLASS_NAMES, readDataset } from '../../src/ml/data/dataset.js';
import { loadEnsemble } from '../../src/ml/model/ensemble.js';
import { runEvaluate } from '../../src/ml/model/evaluate.js';
import { lossAndAccuracy } from '../../src/ml/model/predict.js';
import { predictWithShifts } from '../../src/ml/model/tta.js';
import { toImageSet } from '../../src/ml/train/batches.js';
import { runTrain } from '../../src/ml/train/run.js';
import { FailureError } from '../../src/ml/failure.js';
import { makeProject } from './project.js';

describe('evaluate scores an ensemble on its members averaged probabilities', () => {
  it('loss and accuracy are those of the average of each member test-time-averaged probabilities', async () => {
    const p = await makeProject({ epochs: 1, ensemble: 3 }, { tta_flip: true, tta_shift: 1 });
    await runTrain(p.train, () => {});
    const log: string[] = [];
    const m = await runEvaluate(p.evaluate, (l) => log.push(l));
    expect(m.ensemble).toBe(3);
    expect(log).toContain(`averaged the probabilities of 3 networks (${p.evaluate.model}/ensemble.json)`);

    const test = toImageSet(await readDataset(p.evaluate.test));
    const k = CLASS_NAMES.length;
    const avg = new Float32Array(test.labels.length * k);
    const single: number[] = [];
    for (const { model } of await loadEnsemble(p.evaluate.model)) {
      const probs = predictWithShifts(model, test, { batchSize: 64, shape: { height: 12, width: 12 }, numClasses: k, flip: true, normalize: 'none', shift: 1 });
      probs.forEach((v, i) => (avg[i]! += v / 3));
      single.push(lossAndAccuracy(probs, test.labels, k).loss);
      model.dispose();
    }
    const expected = lossAndAccuracy(avg, test.labels, k);
    expect(m.loss).toBeCloseTo(expected.loss, 6);
    expect(m.accuracy).toBe(expected.accuracy);
    // not any one member's score
    for (const loss of single) expect(Math.abs(m.loss - loss)).toBeGreaterThan(1e-6);
  });

  it('a broken ensemble.json stops evaluate with the file and what to do', async () => {
    const p = await makeProject({ epochs: 1, ensemble: 2 });
    await runTrain(p.train, () => {});
    const manifest = join(p.evaluate.model, 'ensemble.json');
    await writeFile(manifest, JSON.stringify({ version: 1, members: [{ path: '../elsewhere', seed: 1 }] }));
    const err = await runEvaluate(p.evaluate, () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FailureError);
    expect((err as FailureError).failures).toEqual([
      {
        where: manifest,
        message: 'members[0].path must be a folder inside the model folder, got "../elsewhere"',
        hint: 'retrain to rewrite the model folder: `npx pipe repro train`',
      },
    ]);
  });
});

describe('scoreMembers (npm run ensemble:members)', () => {
  it('scores each member alone and the running averages; the last average is evaluate\'s figure', async () => {
    const { scoreMembers } = await import('../../src/ml/model/member-scores.js');
    const p = await makeProject({ epochs: 1, ensemble: 3 }, { tta_flip: true, tta_shift: 1 });
    await runTrain(p.train, () => {});
    const m = await runEvaluate(p.evaluate, () => {});
    const rows = await scoreMembers(p.evaluate.model, p.evaluate.test, { flip: true, shift: 1, batchSize: 64 });
    expect(rows.map((r) => r.what)).toEqual(['member 1', 'member 2', 'first 2 averaged', 'member 3', 'first 3 averaged']);
    expect(rows[4]!.loss).toBe(m.loss);
    expect(rows[4]!.accuracy).toBe(m.accuracy);
    expect(rows[0]!.loss).not.toBe(rows[1]!.loss);
  });
});
