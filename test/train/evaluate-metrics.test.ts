import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CLASS_NAMES } from '../../src/ml/data/dataset.js';
import { runEvaluate } from '../../src/ml/model/evaluate.js';
import { runTrain } from '../../src/ml/train/run.js';
import { makeProject } from './project.js';

describe('evaluate writes its metrics and confusion plot files', () => {
  it('metrics/evaluate.json and metrics/confusion.json have the documented shape and agree', async () => {
    const p = await makeProject({ epochs: 1 }, { tta_flip: true, top_k: 2 });
    await runTrain(p.train, () => {});
    const log: string[] = [];
    const returned = await runEvaluate(p.evaluate, (l) => log.push(l));
    const m = JSON.parse(await readFile(p.evaluate.metrics, 'utf8'));
    expect(m).toEqual(returned);
    expect(Object.keys(m)).toEqual([
      'loss', 'accuracy', 'top_k_accuracy', 'top_k', 'macro_f1', 'balanced_accuracy', 'per_class',
      'confusion_matrix', 'classes', 'tta_flip', 'tta_shift', 'eval_split', 'normalize', 'ensemble', 'backend', 'n_test',
      'by_usage',
    ]);
    // the fixture's test split is its PrivateTest images
    expect(m.by_usage).toEqual({ PrivateTest: { n: p.counts.test, accuracy: m.accuracy } });
    expect(m.n_test).toBe(p.counts.test);
    expect(m.backend).toBe('cpu');
    expect(m.tta_flip).toBe(true);
    expect(m.classes).toEqual([...CLASS_NAMES]);
    expect(Object.keys(m.per_class)).toEqual([...CLASS_NAMES]);
    for (const s of Object.values(m.per_class) as Array<Record<string, number>>) {
      expect(Object.keys(s)).toEqual(['precision', 'recall', 'f1', 'support']);
    }
    const cm = m.confusion_matrix as number[][];
    expect(cm.length).toBe(7);
    expect(cm.flat().reduce((a, b) => a + b, 0)).toBe(p.counts.test);
    const diagonal = cm.reduce((a, row, i) => a + row[i]!, 0);
    expect(m.accuracy).toBe(diagonal / p.counts.test);
    expect(m.top_k_accuracy).toBeGreaterThanOrEqual(m.accuracy);
    expect(m.loss).toBeGreaterThan(0);
    const rows = JSON.parse(await readFile(p.evaluate.confusion, 'utf8')) as Array<{ actual: string; predicted: string; count: number }>;
    expect(rows.length).toBe(49);
    expect(rows[0]).toEqual({ actual: 'angry', predicted: 'angry', count: cm[0]![0] });
    expect(rows[8]).toEqual({ actual: 'disgust', predicted: 'disgust', count: cm[1]![1] });
    expect(rows.map((r) => r.count)).toEqual(cm.flat());
    // the reference project's printout: first test image's probabilities and predicted class
    expect(log[log.length - 3]).toBe(`accuracy by FER2013 usage: PrivateTest ${m.accuracy.toFixed(4)} (${p.counts.test} images)`);
    expect(log[log.length - 2]).toMatch(/^first test image \((angry|disgust|fear|happy|sad|surprise|neutral)\): angry \d\.\d{4}, disgust \d\.\d{4}, fear \d\.\d{4}, happy \d\.\d{4}, sad \d\.\d{4}, surprise \d\.\d{4}, neutral \d\.\d{4}$/);
    expect(log[log.length - 1]).toMatch(/^predicted: (angry|disgust|fear|happy|sad|surprise|neutral)$/);
  });
});
