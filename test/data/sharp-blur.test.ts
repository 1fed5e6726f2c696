// split.sharp_blur: fine detail (src/ml/data/detail.ts), the per-image rule that blurs only the
// sharp images (blurSharpImages), and the split stage applying it to every split alike.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PIXELS_PER_IMAGE, readDataset } from '../../src/ml/data/dataset.js';
import { fineDetail, imageStd } from '../../src/ml/data/detail.js';
import { blurImages, blurSharpImages } from '../../src/ml/data/split/blur.js';
import { writeFerFixture } from '../fixtures/fer-fixture.js';
import { runStage, tempDir, writeParams } from './helpers.js';

/** 8x8 checkerboard of 100 / 150: every interior Laplacian is |4·100 - 4·150| = 200, std 25. */
function checkerboard(lo: number, hi: number): Uint8Array {
  const img = new Uint8Array(64);
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) img[y * 8 + x] = (x + y) % 2 === 0 ? lo : hi;
  return img;
}

/** 8x8 left-to-right ramp: Laplacian 0 inside, so no fine detail at all. */
function ramp(): Uint8Array {
  const img = new Uint8Array(64);
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) img[y * 8 + x] = 20 * x;
  return img;
}

describe('fineDetail', () => {
  it('is mean |Laplacian| / std, unchanged by a contrast stretch, 0 for a ramp or a flat image', () => {
    expect(imageStd(checkerboard(100, 150))).toBe(25);
    expect(fineDetail(checkerboard(100, 150), 8, 8)).toBe(200 / 25);
    expect(fineDetail(checkerboard(50, 150), 8, 8)).toBe(400 / 50);
    expect(fineDetail(ramp(), 8, 8)).toBe(0);
    expect(fineDetail(new Uint8Array(64).fill(9), 8, 8)).toBe(0);
  });

  it('drops when the image is blurred', () => {
    const img = checkerboard(0, 255);
    expect(fineDetail(blurImages(img, 8, 8, 1), 8, 8)).toBeLessThan(fineDetail(img, 8, 8) / 4);
  });
});

describe('blurSharpImages', () => {
  it('blurs the images above the threshold and copies the others unchanged, flagging which', () => {
    const sharp = checkerboard(100, 150);
    const pixels = new Uint8Array(3 * 64);
    pixels.set(ramp(), 0);
    pixels.set(sharp, 64);
    pixels.set(ramp(), 128);
    const r = blurSharpImages(pixels, 8, 8, 1.5, 0.2);
    expect(Array.from(r.blurred)).toEqual([0, 1, 0]);
    expect(r.pixels.subarray(0, 64)).toEqual(ramp());
    expect(r.pixels.subarray(64, 128)).toEqual(blurImages(sharp, 8, 8, 1.5));
    expect(r.pixels.subarray(128)).toEqual(ramp());
    expect(pixels.subarray(64, 128)).toEqual(sharp); // the input is left alone
  });

  it('compares strictly (detail equal to the threshold stays sharp) and does nothing at sigma 0', () => {
    const pixels = checkerboard(100, 150);
    expect(Array.from(blurSharpImages(pixels, 8, 8, 1, 8).blurred)).toEqual([0]);
    expect(Array.from(blurSharpImages(pixels, 8, 8, 1, 7.99).blurred)).toEqual([1]);
    const none = blurSharpImages(pixels, 8, 8, 0, 0.2);
    expect(Array.from(none.blurred)).toEqual([0]);
    expect(none.pixels).toEqual(pixels);
  });
});

describe('stages/split.ts with split.sharp_blur', () => {
  it('blurs exactly the images whose own detail is above sharp_detail, in every split, and counts them', async () => {
    const dir = tempDir();
    await writeFerFixture(join(dir, 'fer'), { layout: 'png' });
    writeParams(dir, 'ingest:\n  source: fer\n');
    expect(runStage('ingest', dir).code).toBe(0);
    const ingested = await readDataset(join(dir, 'data/dataset'));
    const image = (i: number) => ingested.pixels.subarray(i * PIXELS_PER_IMAGE, (i + 1) * PIXELS_PER_IMAGE);
    // A threshold at the median detail, so that about half the images are blurred and half not.
    const details = ingested.ids.map((_, i) => fineDetail(image(i), 48, 48));
    const threshold = [...details].sort((a, b) => a - b)[details.length >> 1]!;
    writeParams(dir, `ingest:\n  source: fer\nsplit:\n  protocol: official\n  sharp_blur: 2\n  sharp_detail: ${threshold}\n`);
    const r = runStage('split', dir);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(
      new RegExp(`^split \\(official: Training / PublicTest / PrivateTest; images with fine detail above ${threshold} blurred, sigma 2\\): `),
    );
    const summary = JSON.parse(readFileSync(join(dir, 'data/split/summary.json'), 'utf8'));
    let blurredTotal = 0;
    for (const s of ['train', 'val', 'test'] as const) {
      const split = await readDataset(join(dir, 'data/split', s));
      let blurred = 0;
      split.ids.forEach((id, k) => {
        const i = ingested.ids.indexOf(id);
        const sharp = details[i]! > threshold;
        if (sharp) blurred += 1;
        const expected = sharp ? blurImages(image(i), 48, 48, 2) : image(i);
        expect(split.pixels.subarray(k * PIXELS_PER_IMAGE, (k + 1) * PIXELS_PER_IMAGE)).toEqual(expected);
      });
      expect(summary.sharp_blur.blurred[s]).toBe(blurred);
      blurredTotal += blurred;
    }
    expect(summary.sharp_blur.sigma).toBe(2);
    expect(summary.sharp_blur.above_detail).toBe(threshold);
    expect(blurredTotal).toBeGreaterThan(0);
    expect(blurredTotal).toBeLessThan(ingested.ids.length);
    const b = summary.sharp_blur.blurred;
    expect(r.stdout.split('\n')[1]).toBe(`  sharp images blurred: train ${b.train}, val ${b.val}, test ${b.test}`);
  });

  it('a zero or negative sharp_detail is refused with the key', () => {
    for (const bad of ['0', '-0.5']) {
      const dir = tempDir();
      writeParams(dir, `split:\n  protocol: random\n  sharp_blur: 3\n  sharp_detail: ${bad}\n`);
      const r = runStage('split', dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/split\.sharp_detail/);
    }
  });
});
