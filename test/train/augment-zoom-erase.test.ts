import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/ml/random.js';
import { ERASE_AREA, fillImages, NO_AUGMENTATION, type Augmentation, type ImageSet } from '../../src/ml/train/batches.js';

const S = 48;

/** `count` copies of one 48x48 image. */
function copies(image: Uint8Array, count: number): ImageSet {
  const pixels = new Uint8Array(count * S * S);
  for (let i = 0; i < count; i++) pixels.set(image, i * S * S);
  return { pixels, labels: new Uint8Array(count), height: S, width: S };
}

function augmented(set: ImageSet, aug: Augmentation, seed: number): Float32Array[] {
  const count = set.labels.length;
  const out = new Float32Array(count * S * S);
  fillImages(set, Array.from({ length: count }, (_, i) => i), 0, count, { height: S, width: S }, out, { aug, rng: createRng(seed) });
  return Array.from({ length: count }, (_, i) => out.subarray(i * S * S, (i + 1) * S * S));
}

describe('zoom: random rescaling about the centre', () => {
  // a white 16x16 square in the middle of a black image
  const square = Uint8Array.from({ length: S * S }, (_, i) => {
    const y = Math.floor(i / S);
    const x = i % S;
    return y >= 16 && y < 32 && x >= 16 && x < 32 ? 255 : 0;
  });

  it('grows and shrinks the square within 1 ± zoom, keeping it centred', () => {
    const zoom = 0.25;
    const sides = augmented(copies(square, 40), { ...NO_AUGMENTATION, zoom }, 5).map((img) => {
      let bright = 0;
      for (const v of img) if (v > 0.5) bright++;
      // the centre is a fixed point of the rescaling
      expect(img[24 * S + 24]).toBe(1);
      return Math.sqrt(bright);
    });
    for (const side of sides) {
      expect(side).toBeGreaterThanOrEqual(16 * (1 - zoom) - 1);
      expect(side).toBeLessThanOrEqual(16 * (1 + zoom) + 1);
    }
    expect(Math.min(...sides)).toBeLessThan(15);
    expect(Math.max(...sides)).toBeGreaterThan(17);
  });
});

describe('random erasing', () => {
  const grey = new Uint8Array(S * S).fill(128);
  const isGrey = (v: number) => v === Math.fround(128 / 255);

  it('with probability 1, replaces one rectangle of 2-33% of every image by noise', () => {
    for (const img of augmented(copies(grey, 50), { ...NO_AUGMENTATION, erase: 1 }, 9)) {
      let top = S, bottom = -1, left = S, right = -1, changed = 0;
      for (let y = 0; y < S; y++) {
        for (let x = 0; x < S; x++) {
          if (isGrey(img[y * S + x]!)) continue;
          changed++;
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
          left = Math.min(left, x);
          right = Math.max(right, x);
        }
      }
      const box = (bottom - top + 1) * (right - left + 1);
      // noise hitting exactly 128/255 is rare: nearly every pixel of the box changed
      expect(changed).toBeGreaterThan(box * 0.97);
      // rounding each side to whole pixels moves the area a little past the drawn range
      expect(box / (S * S)).toBeGreaterThan(ERASE_AREA[0] * 0.7);
      expect(box / (S * S)).toBeLessThan(ERASE_AREA[1] * 1.3);
      expect(Math.min(...img)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...img)).toBeLessThan(1);
    }
  });

  it('erases about the given fraction of images, and is a function of the seed', () => {
    const images = augmented(copies(grey, 400), { ...NO_AUGMENTATION, erase: 0.3 }, 11);
    const erased = images.filter((img) => !img.every(isGrey)).length;
    expect(erased).toBeGreaterThan(400 * 0.3 - 40);
    expect(erased).toBeLessThan(400 * 0.3 + 40);
    const again = augmented(copies(grey, 400), { ...NO_AUGMENTATION, erase: 0.3 }, 11);
    expect(again.map((img) => Array.from(img))).toEqual(images.map((img) => Array.from(img)));
  });
});
