// Tile (block copies) agrees with cpu for float32, int32 and bool on several ranks.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareBackends, initBoth, randomValues } from './compare.js';

const CASES: Array<{ shape: number[]; reps: number[] }> = [
  { shape: [5], reps: [3] },
  { shape: [1, 1, 1, 4], reps: [3, 2, 5, 1] },
  { shape: [2, 3], reps: [2, 3] },
  { shape: [2, 1, 3], reps: [1, 4, 2] },
  { shape: [3, 2, 2, 2], reps: [2, 1, 3, 2] },
  { shape: [2, 3], reps: [1, 1] },
  { shape: [2, 3], reps: [0, 2] },
];

describe('Tile on wasm', () => {
  beforeAll(initBoth);

  it.each(CASES)('matches cpu (float32): %j', async (c) => {
    const v = randomValues(c.shape.reduce((p, d) => p * d, 1), 71);
    const outcome = await compareBackends(() => tf.tile(tf.tensor(v, c.shape), c.reps));
    expect(outcome.shapesEqual).toBe(true);
    expect(outcome.relError).toBe(0);
  });

  it('matches cpu for int32 and bool', async () => {
    const outcome = await compareBackends(() => [
      tf.tile(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32'), [3, 2]),
      tf.tile(tf.tensor2d([1, 0, 0, 1], [2, 2], 'bool'), [2, 3]).cast('int32'),
    ]);
    expect(outcome.shapesEqual).toBe(true);
    expect(outcome.relError).toBe(0);
  });
});
