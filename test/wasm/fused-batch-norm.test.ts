// FusedBatchNorm (batch normalization applied, forward) on wasm agrees with cpu: per-channel and
// scalar statistics, with and without offset and scale, rank 2 and 4; statistics of other shapes
// go to the package's kernel and agree too.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareBackends, initBoth, randomValues, TOLERANCE } from './compare.js';

interface Case {
  shape: number[];
  stats: 'channel' | 'scalar' | 'spatial';
  offset: boolean;
  scale: boolean;
}

const CASES: Case[] = [
  { shape: [4, 6, 5, 8], stats: 'channel', offset: true, scale: true },
  { shape: [64, 12, 12, 16], stats: 'channel', offset: true, scale: true }, // many chunks
  { shape: [9, 7], stats: 'channel', offset: false, scale: true },
  { shape: [3, 4, 4, 5], stats: 'channel', offset: true, scale: false },
  { shape: [3, 4, 4, 5], stats: 'scalar', offset: true, scale: true },
  { shape: [2, 3, 4, 5], stats: 'spatial', offset: true, scale: true },
];

describe('FusedBatchNorm on wasm', () => {
  beforeAll(initBoth);

  it.each(CASES)('matches cpu: %j', async (c) => {
    const size = c.shape.reduce((p, d) => p * d, 1);
    const statShape = c.stats === 'channel' ? [c.shape[c.shape.length - 1]!] : c.stats === 'scalar' ? [1] : c.shape.slice(1);
    const statSize = statShape.reduce((p, d) => p * d, 1);
    const xv = randomValues(size, 201).map((v) => 3 + 2 * v); // off-centre, as activations are
    const outcome = await compareBackends(() => {
      const stat = (seed: number): tf.Tensor => tf.tensor(randomValues(statSize, seed), statShape);
      const variance = stat(203).abs().add(0.1);
      return tf.batchNorm(tf.tensor(xv, c.shape), stat(202).add(3), variance, c.offset ? stat(204) : undefined, c.scale ? stat(205) : undefined, 1e-3);
    });
    expect(outcome.shapesEqual).toBe(true);
    expect(outcome.relError).toBeLessThanOrEqual(TOLERANCE);
  });
});
