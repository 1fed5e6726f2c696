// evaluate's accuracy per original FER2013 usage: under the random protocol the test split
// mixes Training, PublicTest and PrivateTest images, and only the last is what published
// results are measured on.
import { expect, test } from 'vitest';
import { accuracyByUsage } from '../../src/ml/model/evaluate.js';

test('counts and accuracy per usage present, in Training / PublicTest / PrivateTest order', () => {
  //               Training x4       PrivateTest x3   (no PublicTest image)
  const usage = [2, 0, 0, 2, 0, 2, 0];
  const labels = [1, 3, 3, 4, 5, 6, 0];
  const predicted = [1, 3, 2, 0, 5, 6, 1];
  // Training (indices 1, 2, 4, 6): 1 and 4 right; PrivateTest (0, 3, 5): 0 and 5 right
  expect(accuracyByUsage(usage, labels, predicted)).toEqual({
    Training: { n: 4, accuracy: 2 / 4 },
    PrivateTest: { n: 3, accuracy: 2 / 3 },
  });
  expect(Object.keys(accuracyByUsage([2, 1, 0], [0, 0, 0], [0, 0, 0]))).toEqual(['Training', 'PublicTest', 'PrivateTest']);
  expect(accuracyByUsage([], [], [])).toEqual({});
});
