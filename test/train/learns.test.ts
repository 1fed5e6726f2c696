import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runEvaluate } from '../../src/ml/model/evaluate.js';
import { runTrain } from '../../src/ml/train/run.js';
import { makeProject } from './project.js';

describe('training on the learnable fixture', () => {
  it('beats the majority-class baseline on the held-out test split by a wide margin', async () => {
    const p = await makeProject({ epochs: 5 });
    const log: string[] = [];
    const train = await runTrain(p.train, (l) => log.push(l));
    const evaluation = await runEvaluate(p.evaluate, () => {});
    const testLabels = JSON.parse(await readFile(`${p.evaluate.test}/dataset.json`, 'utf8')).count as number;
    // majority class of the fixture's test split: happy, 10 of 43
    const counts = evaluation.confusion_matrix.map((row) => row.reduce((a, b) => a + b, 0));
    const baseline = Math.max(...counts) / testLabels;
    expect(baseline).toBeCloseTo(10 / 43, 10);
    expect(evaluation.accuracy).toBeGreaterThan(baseline + 0.3);
    expect(train.epochs_run).toBe(5);
    expect(log.filter((l) => l.startsWith('epoch ')).length).toBe(5);
  });
});
