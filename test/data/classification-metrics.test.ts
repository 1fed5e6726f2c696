import { describe, expect, it } from 'vitest';
import {
  accuracy,
  argmaxRows,
  balancedAccuracy,
  confusionMatrix,
  macroF1,
  perClassScores,
  topKAccuracy,
} from '../../src/ml/metrics/classification.js';

// 3 classes, 10 examples; worked by hand:
// truth: 0 0 0 0 1 1 1 2 2 2   pred: 0 0 1 2 1 1 0 2 2 1
// confusion (rows truth): [2 1 1] [1 2 0] [0 1 2]
// class 0: tp 2, predicted 3, support 4 → P 2/3, R 1/2, F1 = 2*(1/3)/(7/6) = 4/7
// class 1: tp 2, predicted 4, support 3 → P 1/2, R 2/3, F1 = 4/7
// class 2: tp 2, predicted 3, support 3 → P 2/3, R 2/3, F1 = 2/3
// accuracy 6/10; macro-F1 (4/7 + 4/7 + 2/3)/3 = 38/63; balanced accuracy (1/2 + 2/3 + 2/3)/3 = 11/18
const truth = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2];
const pred = [0, 0, 1, 2, 1, 1, 0, 2, 2, 1];

describe('classification metrics', () => {
  it('counts the confusion matrix with rows = truth', () => {
    expect(confusionMatrix(truth, pred, 3)).toEqual([
      [2, 1, 1],
      [1, 2, 0],
      [0, 1, 2],
    ]);
  });

  it('matches the hand-computed accuracy, per-class scores, macro-F1 and balanced accuracy', () => {
    const cm = confusionMatrix(truth, pred, 3);
    expect(accuracy(cm)).toBeCloseTo(0.6, 12);
    const s = perClassScores(cm);
    expect(s.map((x) => x.support)).toEqual([4, 3, 3]);
    expect(s[0]!.precision).toBeCloseTo(2 / 3, 12);
    expect(s[0]!.recall).toBeCloseTo(1 / 2, 12);
    expect(s[0]!.f1).toBeCloseTo(4 / 7, 12);
    expect(s[1]!.precision).toBeCloseTo(1 / 2, 12);
    expect(s[1]!.recall).toBeCloseTo(2 / 3, 12);
    expect(s[1]!.f1).toBeCloseTo(4 / 7, 12);
    expect(s[2]!.f1).toBeCloseTo(2 / 3, 12);
    expect(macroF1(cm)).toBeCloseTo(38 / 63, 12);
    expect(balancedAccuracy(cm)).toBeCloseTo(11 / 18, 12);
  });

  it('defines 0/0 as 0 and averages only classes that occur', () => {
    // class 2 never occurs; class 1 occurs but is never predicted
    const cm = confusionMatrix([0, 0, 1], [0, 0, 0], 3);
    const s = perClassScores(cm);
    expect(s[1]).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(s[2]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    // class 0: P 2/3, R 1, F1 0.8; class 1: F1 0; class 2 excluded → macro 0.4
    expect(macroF1(cm)).toBeCloseTo(0.4, 12);
    expect(balancedAccuracy(cm)).toBeCloseTo(0.5, 12);
    expect(accuracy(confusionMatrix([], [], 3))).toBe(0);
  });

  it('computes top-k accuracy from probabilities, ties to the lower class index', () => {
    const probs = [
      0.5, 0.3, 0.2, // truth 1: rank 2 → top-2 hit, top-1 miss
      0.1, 0.1, 0.8, // truth 0: rank 2 (tie with 1, lower index wins) → top-2 hit
      0.4, 0.4, 0.2, // truth 1: tie with class 0 which ranks first → rank 2
      0.2, 0.3, 0.5, // truth 0: rank 3 → miss
    ];
    const labels = [1, 0, 1, 0];
    expect(topKAccuracy(probs, labels, 3, 1)).toBe(0);
    expect(topKAccuracy(probs, labels, 3, 2)).toBe(0.75);
    expect(topKAccuracy(probs, labels, 3, 3)).toBe(1);
    expect([...argmaxRows(probs, 3)]).toEqual([0, 2, 0, 2]);
  });

  it('rejects labels out of range and mismatched lengths', () => {
    expect(() => confusionMatrix([0, 3], [0, 0], 3)).toThrow('labels[1] = 3 is not a class index 0..2');
    expect(() => confusionMatrix([0], [0, 1], 3)).toThrow('1 labels but 2 predictions');
  });
});
