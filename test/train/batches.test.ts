import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/ml/random.js';
import { fillImages, fillLabels, MIN_STD, NO_AUGMENTATION, standardize, type ImageSet } from '../../src/ml/train/batches.js';

// two 4x4 images: 0..15 and 16..31 (pixel value = index), labels 2 and 5
const set: ImageSet = {
  pixels: Uint8Array.from({ length: 32 }, (_, i) => i),
  labels: Uint8Array.from([2, 5]),
  height: 4,
  width: 4,
};

describe('batches: uint8 images → float32 per batch', () => {
  it('scales to [0, 1] in the given order', () => {
    const out = new Float32Array(32);
    fillImages(set, [1, 0], 0, 2, { height: 4, width: 4 }, out);
    expect(Array.from(out.subarray(0, 3))).toEqual([16 / 255, 17 / 255, 18 / 255].map(Math.fround));
    expect(out[16]).toBe(0);
  });

  it('box-downsamples by an integer factor', () => {
    const out = new Float32Array(4);
    fillImages(set, [0], 0, 1, { height: 2, width: 2 }, out);
    // top-left 2x2 block: 0, 1, 4, 5 → mean 2.5
    expect(Array.from(out)).toEqual([2.5 / 255, 4.5 / 255, 10.5 / 255, 12.5 / 255].map(Math.fround));
  });

  it('flipAll mirrors each row (test-time flip)', () => {
    const out = new Float32Array(16);
    fillImages(set, [0], 0, 1, { height: 4, width: 4 }, out, { flipAll: true });
    expect(Array.from(out.subarray(0, 4)).map((v) => Math.round(v * 255))).toEqual([3, 2, 1, 0]);
  });

  it('augmentation is a function of the seed, and a zero-size augmentation with flip only mirrors or copies', () => {
    const run = (seed: number) => {
      const out = new Float32Array(32);
      fillImages(set, [0, 1], 0, 2, { height: 4, width: 4 }, out, { aug: { ...NO_AUGMENTATION, flip: true, shift: 1, rotation: 10 }, rng: createRng(seed) });
      return Array.from(out);
    };
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
    const out = new Float32Array(16);
    fillImages(set, [0], 0, 1, { height: 4, width: 4 }, out, { aug: { ...NO_AUGMENTATION, flip: true }, rng: createRng(3) });
    const rows = Array.from(out).map((v) => Math.round(v * 255));
    expect([Array.from({ length: 16 }, (_, i) => i), [3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12]]).toContainEqual(rows);
  });

  it('per_image normalization gives each image mean 0 and standard deviation 1', () => {
    const out = new Float32Array(32);
    fillImages(set, [0, 1], 0, 2, { height: 4, width: 4 }, out, { normalize: 'per_image' });
    for (const img of [out.subarray(0, 16), out.subarray(16, 32)]) {
      const mean = img.reduce((a, b) => a + b, 0) / 16;
      const std = Math.sqrt(img.reduce((a, b) => a + (b - mean) ** 2, 0) / 16);
      expect(mean).toBeCloseTo(0, 6);
      expect(std).toBeCloseTo(1, 5);
    }
    // pixels 0..15 have mean 7.5 and std sqrt(255/12): pixel 0 maps to -7.5 / 4.6098
    expect(out[0]).toBeCloseTo(-7.5 / Math.sqrt(255 / 12), 5);
    // both images are ramps with the same step: the same after normalization
    for (let i = 0; i < 16; i++) expect(out[16 + i]).toBeCloseTo(out[i]!, 5);
  });

  it('per_image normalization undoes a contrast stretch, and a flat image becomes zeros', () => {
    // the same face-like pattern, dull (values 100..130) and stretched to 0..255 (x - 100) * 8.5
    const dull = Uint8Array.from({ length: 16 }, (_, i) => 100 + ((i * 7) % 31));
    const stretched = dull.map((v) => Math.round((v - 100) * 8.5));
    const pair: ImageSet = { pixels: Uint8Array.from([...dull, ...stretched]), labels: Uint8Array.from([0, 0]), height: 4, width: 4 };
    const out = new Float32Array(32);
    fillImages(pair, [0, 1], 0, 2, { height: 4, width: 4 }, out, { normalize: 'per_image' });
    for (let i = 0; i < 16; i++) expect(Math.abs(out[i]! - out[16 + i]!)).toBeLessThan(0.02);
    const plain = new Float32Array(32);
    fillImages(pair, [0, 1], 0, 2, { height: 4, width: 4 }, plain);
    expect(Math.abs(plain[0]! - plain[16]!)).toBeGreaterThan(0.3);

    const flat = new Float32Array(9).fill(0.4);
    standardize(flat);
    expect(Array.from(flat)).toEqual(new Array(9).fill(0));
    // a one-level step is divided by the floor, not blown up to unit variance
    const step = Float32Array.from([0, 0, 0, 1 / 255]);
    standardize(step);
    expect(step[3]).toBeCloseTo((1 / 255 - 1 / 1020) / Math.max(Math.sqrt(3) / 1020, MIN_STD), 5);
  });

  it('labels are one-hot, or label-smoothed to (1 - e) + e/K and e/K', () => {
    const out = new Float32Array(14);
    fillLabels(set, [0, 1], 0, 2, 7, 0, out);
    expect(Array.from(out)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    fillLabels(set, [1], 0, 1, 7, 0.7, out);
    expect(Array.from(out.subarray(0, 7))).toEqual([0.1, 0.1, 0.1, 0.1, 0.1, 0.4, 0.1].map(Math.fround));
  });
});
