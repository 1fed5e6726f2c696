// split.blur: a Gaussian blur of every image (src/ml/data/split/blur.ts), and the split stage
// writing blurred images into all three splits when asked, and exactly the same bytes when not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PIXELS_PER_IMAGE, readDataset } from '../../src/ml/data/dataset.js';
import { blurImages } from '../../src/ml/data/split/blur.js';
import { writeFerFixture } from '../fixtures/fer-fixture.js';
import { runStage, tempDir, writeParams } from './helpers.js';

describe('blurImages', () => {
  it('spreads a bright dot by the Gaussian weights, symmetric, leaving a flat image and sigma 0 alone', () => {
    const dot = new Uint8Array(9 * 9);
    dot[4 * 9 + 4] = 200;
    const out = blurImages(dot, 9, 9, 1);
    // weights exp(-x²/2) over -3..3, normalised: centre 0.39905, one step 0.24203
    expect(out[4 * 9 + 4]).toBe(Math.round(200 * 0.39905 * 0.39905));
    expect(out[4 * 9 + 5]).toBe(Math.round(200 * 0.39905 * 0.24203));
    for (const [y, x] of [[3, 4], [5, 4], [4, 3]]) expect(out[y! * 9 + x!]).toBe(out[4 * 9 + 5]);
    expect(out[0]).toBe(0);
    expect(Array.from(blurImages(new Uint8Array(16).fill(77), 4, 4, 2))).toEqual(new Array(16).fill(77));
    expect(blurImages(dot, 9, 9, 0)).toEqual(dot);
  });

  it('blurs each image on its own (no bleeding from the next one)', () => {
    const two = new Uint8Array(2 * 16);
    two.fill(255, 16); // second image white, first black
    const out = blurImages(two, 4, 4, 1.5);
    expect(Array.from(out.subarray(0, 16))).toEqual(new Array(16).fill(0));
    expect(Array.from(out.subarray(16))).toEqual(new Array(16).fill(255));
  });
});

describe('stages/split.ts with split.blur', () => {
  it('blur 0 writes the same bytes as before the setting existed; blur 1.5 blurs every split and says so', async () => {
    const dir = tempDir();
    await writeFerFixture(join(dir, 'fer'), { layout: 'png' });
    const params = (blur: string) => `ingest:\n  source: fer\nsplit:\n  protocol: official\n  seed: 1\n  train: 0.7\n  val: 0.2\n  test: 0.1\n${blur}`;
    writeParams(dir, params(''));
    expect(runStage('ingest', dir).code).toBe(0);
    expect(runStage('split', dir).code).toBe(0);
    const plain = readFileSync(join(dir, 'data/split/test/pixels.u8'));
    const plainSummary = readFileSync(join(dir, 'data/split/summary.json'), 'utf8');
    writeParams(dir, params('  blur: 0\n'));
    expect(runStage('split', dir).code).toBe(0);
    expect(readFileSync(join(dir, 'data/split/test/pixels.u8')).equals(plain)).toBe(true);
    expect(readFileSync(join(dir, 'data/split/summary.json'), 'utf8')).toBe(plainSummary);

    writeParams(dir, params('  blur: 1.5\n'));
    const r = runStage('split', dir);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^split \(official: Training \/ PublicTest \/ PrivateTest; every image blurred, sigma 1\.5\): train \d+, val \d+, test \d+/);
    const ingested = await readDataset(join(dir, 'data/dataset'));
    for (const s of ['train', 'val', 'test']) {
      const split = await readDataset(join(dir, 'data/split', s));
      const first = ingested.ids.indexOf(split.ids[0]!);
      const expected = blurImages(ingested.pixels.subarray(first * PIXELS_PER_IMAGE, (first + 1) * PIXELS_PER_IMAGE), 48, 48, 1.5);
      expect(split.pixels.subarray(0, PIXELS_PER_IMAGE)).toEqual(expected);
    }
    expect(JSON.parse(readFileSync(join(dir, 'data/split/summary.json'), 'utf8')).blur).toBe(1.5);
  });

  it('a negative or huge blur is refused with the key', () => {
    const dir = tempDir();
    writeParams(dir, 'split:\n  protocol: random\n  seed: 1\n  train: 0.7\n  val: 0.2\n  test: 0.1\n  blur: -1\n');
    const r = runStage('split', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/split\.blur/);
  });
});
