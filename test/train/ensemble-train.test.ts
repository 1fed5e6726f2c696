import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toImageSet } from '../../src/ml/train/batches.js';
import { readDataset } from '../../src/ml/data/dataset.js';
import { loadEnsemble } from '../../src/ml/model/ensemble.js';
import { lossAndAccuracy, predictProbabilities } from '../../src/ml/model/predict.js';
import { runTrain } from '../../src/ml/train/run.js';
import { makeProject } from './project.js';

describe('train.ensemble trains several networks into one model folder', () => {
  it('member 1 is the single-network run, member 2 its own seed; ensemble.json, metrics and history say so', async () => {
    const single = await makeProject({ epochs: 2 });
    await runTrain(single.train, () => {});
    const p = await makeProject({ epochs: 2, ensemble: 2 });
    const log: string[] = [];
    const metrics = await runTrain(p.train, (l) => log.push(l));

    expect((await readdir(p.train.model)).sort()).toEqual(['ensemble.json', 'member-2', 'model.json', 'weights.bin']);
    expect((await readdir(join(p.train.model, 'member-2'))).sort()).toEqual(['model.json', 'weights.bin']);
    expect(JSON.parse(await readFile(join(p.train.model, 'ensemble.json'), 'utf8'))).toEqual({
      version: 1,
      members: [{ path: '.', seed: 7 }, { path: 'member-2', seed: 1007 }],
    });
    const first = await readFile(join(p.train.model, 'weights.bin'));
    const second = await readFile(join(p.train.model, 'member-2', 'weights.bin'));
    // same seed, same data, same params: byte for byte the network a single run saves
    expect(Buffer.compare(first, await readFile(join(single.train.model, 'weights.bin')))).toBe(0);
    expect(Buffer.compare(first, second)).not.toBe(0);

    expect(metrics.ensemble).toBe(2);
    expect(metrics.members!.map((m) => m.seed)).toEqual([7, 1007]);
    expect(metrics.members![0]!.best_val_loss).toBe(metrics.best_val_loss);
    expect(metrics.members![1]!.best_val_loss).not.toBe(metrics.best_val_loss);
    expect(JSON.parse(await readFile(p.train.metrics, 'utf8'))).toEqual(metrics);

    // the ensemble's val figures are those of the saved members' averaged probabilities
    const val = toImageSet(await readDataset(p.train.val));
    const members = await loadEnsemble(p.train.model);
    expect(members.map((m) => m.dir)).toEqual([p.train.model, join(p.train.model, 'member-2')]);
    const avg = new Float32Array(val.labels.length * 7);
    for (const { model } of members) {
      const probs = predictProbabilities(model, val, { batchSize: 32, shape: { height: 12, width: 12 }, numClasses: 7, normalize: 'none' });
      probs.forEach((v, i) => (avg[i]! += v / 2));
      model.dispose();
    }
    const expected = lossAndAccuracy(avg, val.labels, 7);
    expect(metrics.ensemble_val_loss).toBeCloseTo(expected.loss, 6);
    expect(metrics.ensemble_val_accuracy).toBe(expected.accuracy);

    const history = JSON.parse(await readFile(p.train.history, 'utf8')) as Array<Record<string, number>>;
    expect(history.map((r) => [r['member'], r['epoch']])).toEqual([[1, 1], [1, 2], [2, 1], [2, 2]]);
    expect(log).toContain('member 2/2: seed 1007');
  });

  it('one member keeps the single-model layout and figures', async () => {
    const p = await makeProject({ epochs: 1 });
    const metrics = await runTrain(p.train, () => {});
    expect((await readdir(p.train.model)).sort()).toEqual(['model.json', 'weights.bin']);
    expect(metrics.ensemble).toBe(1);
    expect(metrics.members).toBeUndefined();
    expect(metrics.ensemble_val_loss).toBe(metrics.best_val_loss);
    const history = JSON.parse(await readFile(p.train.history, 'utf8')) as Array<Record<string, number>>;
    expect(history[0]!['member']).toBeUndefined();
  });
});
