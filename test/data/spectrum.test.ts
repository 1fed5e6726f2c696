// Power spectra of image sets and the blur that matches two of them (src/ml/data/spectrum.ts).
import { expect, test } from 'vitest';
import { blurImages } from '../../src/ml/data/split/blur.js';
import { matchBlur, radialSpectrum } from '../../src/ml/data/spectrum.js';
import { createRng } from '../../src/ml/random.js';

const SIDE = 48;
const PER = SIDE * SIDE;

/** `count` images of seeded noise around grey 128 (a flat spectrum: every frequency alike). */
function noise(count: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  return Uint8Array.from({ length: count * PER }, () => 128 + Math.round((rng.next() - 0.5) * 120));
}

test('a cosine of k cycles across the image puts its power in ring k', () => {
  for (const k of [3, 8, 17]) {
    const img = Uint8Array.from({ length: PER }, (_, i) => Math.round(128 + 100 * Math.cos((2 * Math.PI * k * (i % SIDE)) / SIDE)));
    const { power, size, images } = radialSpectrum(img, SIDE, SIDE);
    expect(size).toBe(SIDE);
    expect(images).toBe(1);
    expect(power.length).toBe(SIDE / 2 + 1);
    const rings = Array.from(power.slice(1));
    expect(rings.indexOf(Math.max(...rings)) + 1).toBe(k);
    // the Hann window spreads it to the next rings, not further
    expect(power[k]!).toBeGreaterThan(1000 * power[k + 3]!);
    expect(power[k]!).toBeGreaterThan(1000 * power[k - 3]!);
  }
});

test('the spectrum is a mean over the picked images only', () => {
  const a = noise(3, 1);
  const flat = new Uint8Array(2 * PER).fill(90);
  const both = new Uint8Array(5 * PER);
  both.set(a, 0);
  both.set(flat, 3 * PER);
  const alone = radialSpectrum(a, SIDE, SIDE);
  const picked = radialSpectrum(both, SIDE, SIDE, (i) => i < 3);
  expect(picked.images).toBe(3);
  expect(Array.from(picked.power)).toEqual(Array.from(alone.power));
  // flat images have no power but count in the mean: five images, the same total
  const all = radialSpectrum(both, SIDE, SIDE);
  expect(all.power[5]!).toBeCloseTo((alone.power[5]! * 3) / 5, 6);
});

test('matchBlur finds the σ that blurred another draw of the same images', () => {
  const blurred = blurImages(noise(300, 7), SIDE, SIDE, 2);
  const sharp = noise(300, 8);
  const match = matchBlur(radialSpectrum(blurred, SIDE, SIDE), sharp, SIDE, SIDE, () => true, 0.125);
  expect(match.last).toBe(6);
  expect(Math.abs(match.sigma - 2)).toBeLessThanOrEqual(0.1);
  expect(match.misfit).toBeLessThan(0.05);
  expect(match.spectrum.images).toBe(300);
});

test('matchBlur: the same images blurred give back their σ to the grid step, with no misfit', () => {
  const sharp = noise(40, 3);
  const mixed = new Uint8Array(60 * PER).fill(200); // 20 others that must not count
  mixed.set(sharp, 20 * PER);
  const match = matchBlur(radialSpectrum(blurImages(sharp, SIDE, SIDE, 1.3), SIDE, SIDE), mixed, SIDE, SIDE, (i) => i >= 20, 0.125);
  expect(match.sigma).toBe(1.3);
  expect(match.misfit).toBe(0);
});
