// Zoom and random erasing were added after runs were committed. With both off, the augmented
// batches must be bit for bit what they were before (the hashes below were made with the code
// of c8f8e10, before either existed), so a committed pipeline.lock stays true to its recipe.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/ml/random.js';
import { fillImages, NO_AUGMENTATION, type Augmentation, type ImageSet } from '../../src/ml/train/batches.js';

const n = 16;
let state = 7;
const pixels = Uint8Array.from({ length: n * 48 * 48 }, () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return state >>> 24;
});
const set: ImageSet = { pixels, labels: new Uint8Array(n), height: 48, width: 48 };

function batchesHash(aug: Augmentation): string {
  const rng = createRng(43);
  const hash = createHash('sha256');
  for (let b = 0; b < 2; b++) {
    const out = new Float32Array(8 * 48 * 48);
    const order = Array.from({ length: n }, (_, i) => (i * 5) % n);
    fillImages(set, order, b * 8, 8, { height: 48, width: 48 }, out, { aug, rng, normalize: 'per_image' });
    hash.update(Buffer.from(out.buffer));
  }
  return hash.digest('hex');
}

describe('augmentation stream: runs without zoom and erasing are unchanged', () => {
  it('the committed recipe (flip, shift 2)', () => {
    expect(batchesHash({ ...NO_AUGMENTATION, flip: true, shift: 2 })).toBe('1f7b348cc33da90da4b7a851ad4e00bdcbad93b3bb2963ac3d1ed39c2c292a76');
  });

  it('flip, shift 3, rotation 10', () => {
    expect(batchesHash({ ...NO_AUGMENTATION, flip: true, shift: 3, rotation: 10 })).toBe('6ece3027f078784f04a76e78b9b650c2d9730bdc7d5e800642613da69c47df29');
  });

  it('turning zoom or erasing on changes the batches', () => {
    const base = batchesHash({ ...NO_AUGMENTATION, flip: true, shift: 2 });
    expect(batchesHash({ ...NO_AUGMENTATION, flip: true, shift: 2, zoom: 0.1 })).not.toBe(base);
    expect(batchesHash({ ...NO_AUGMENTATION, flip: true, shift: 2, erase: 0.5 })).not.toBe(base);
  });
});
