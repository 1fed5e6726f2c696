import { describe, expect, it } from 'vitest';
import { officialPartition, randomPartition } from '../../src/ml/data/split/partition.js';
import { partitionFor } from '../../src/ml/data/split/run.js';
import { PIXELS_PER_IMAGE, type Dataset } from '../../src/ml/data/dataset.js';

// 1000 images: class c has (c+1)*1000/28 ≈ images, like FER2013 an unbalanced mix
function labelsFor(counts: number[]): Uint8Array {
  return Uint8Array.from(counts.flatMap((n, c) => new Array<number>(n).fill(c)));
}
const counts = [100, 20, 150, 300, 170, 110, 150];
const fractions = { train: 0.7, val: 0.2, test: 0.1 };

describe('split partitions', () => {
  it('random: stratified per class by the fractions, disjoint and covering every image', () => {
    const labels = labelsFor(counts);
    const p = randomPartition(labels, fractions, 42);
    expect([p.train.length, p.val.length, p.test.length]).toEqual([700, 200, 100]);
    const all = [...p.train, ...p.val, ...p.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    counts.forEach((n, c) => {
      const inTest = p.test.filter((i) => labels[i] === c).length;
      const inVal = p.val.filter((i) => labels[i] === c).length;
      expect(inTest).toBe(Math.round(n * 0.1));
      expect(inVal).toBe(Math.round(n * 0.2));
    });
    for (const s of [p.train, p.val, p.test]) expect(s).toEqual([...s].sort((a, b) => a - b));
  });

  it('random: same seed same split, another seed another split', () => {
    const labels = labelsFor(counts);
    expect(randomPartition(labels, fractions, 7)).toEqual(randomPartition(labels, fractions, 7));
    expect(randomPartition(labels, fractions, 8).test).not.toEqual(randomPartition(labels, fractions, 7).test);
  });

  it('official: Training / PublicTest / PrivateTest', () => {
    expect(officialPartition(Uint8Array.from([0, 1, 2, 0, 2, 1, 0]))).toEqual({ train: [0, 3, 6], val: [1, 5], test: [2, 4] });
  });

  it('refuses an empty train or test split with the reason', () => {
    const ds: Dataset = { pixels: new Uint8Array(2 * PIXELS_PER_IMAGE), labels: Uint8Array.from([0, 1]), usage: Uint8Array.from([0, 1]), ids: ['a', 'b'] };
    const r = partitionFor(ds, { protocol: 'official', seed: 1, ...fractions, blur: 0, sharp_blur: 0, sharp_detail: 0.2 });
    expect(r).toEqual({
      ok: false,
      failures: [
        {
          where: 'params.yaml',
          message: 'split.protocol official: the test split would be empty: the dataset has no PrivateTest images',
          hint: 'use `split.protocol: random`, or ingest a source with all three FER2013 usages',
        },
      ],
    });
  });
});
