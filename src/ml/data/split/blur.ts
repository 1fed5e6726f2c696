// split.blur: a Gaussian blur of every image; split.sharp_blur: a blur of the sharp images only.
//
// Why: in the image-folder copy of FER2013 the Training images hold about ten times less fine
// detail than the PublicTest / PrivateTest images (`npm run data:contrast`, README), and the
// test images blurred with σ 3 match them in detail and contrast alike. Under the official protocol a
// network trained on the smooth ones meets sharp ones at validation and test. Blurring every
// image takes part of that difference away; blurring only the sharp images, found by their own
// pixels with one rule for every image (never by their split or usage), takes it all away.
//
// Separable kernel exp(-x²/2σ²) over ±ceil(3σ), border pixels repeated, rounded back to bytes.
// Deterministic: identical images stay identical (the split's duplicate counts do not move).

import { fineDetail } from '../detail.js';

/** A copy of `pixels` (n images of height x width bytes) with each image blurred by `sigma`. */
export function blurImages(pixels: Uint8Array, height: number, width: number, sigma: number): Uint8Array {
  if (!(sigma > 0)) return pixels.slice();
  const r = Math.ceil(3 * sigma);
  const kernel = new Float64Array(2 * r + 1);
  let total = 0;
  for (let i = -r; i <= r; i++) total += kernel[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < kernel.length; i++) kernel[i] = kernel[i]! / total;
  const per = height * width;
  const out = new Uint8Array(pixels.length);
  const rows = new Float64Array(per);
  for (let k = 0; k * per < pixels.length; k++) {
    const src = pixels.subarray(k * per, (k + 1) * per);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let acc = 0;
        for (let i = -r; i <= r; i++) acc += kernel[i + r]! * src[y * width + clamp(x + i, width)]!;
        rows[y * width + x] = acc;
      }
    }
    const dst = out.subarray(k * per, (k + 1) * per);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let acc = 0;
        for (let i = -r; i <= r; i++) acc += kernel[i + r]! * rows[clamp(y + i, height) * width + x]!;
        dst[y * width + x] = Math.round(acc);
      }
    }
  }
  return out;
}

function clamp(v: number, size: number): number {
  return v < 0 ? 0 : v >= size ? size - 1 : v;
}

/**
 * split.sharp_blur: blurs by `sigma` only the images whose fine detail (detail.ts) exceeds
 * `threshold`, deciding image by image from its pixels alone (never from its split, usage or
 * label), so train, validation and test images are treated by one rule. In this FER2013 copy all
 * but 2 of the 28,709 Training images score at most 0.2 and all but 5 of the 7,178 test-folder
 * images more (`npm run data:contrast`); a blur of σ 3 brings the sharp ones to the smooth ones'
 * level.
 * Returns the new pixels and, per image, 1 where it was blurred.
 */
export function blurSharpImages(
  pixels: Uint8Array,
  height: number,
  width: number,
  sigma: number,
  threshold: number,
): { pixels: Uint8Array; blurred: Uint8Array } {
  const per = height * width;
  const n = Math.floor(pixels.length / per);
  const out = pixels.slice();
  const blurred = new Uint8Array(n);
  if (!(sigma > 0)) return { pixels: out, blurred };
  for (let k = 0; k < n; k++) {
    const img = pixels.subarray(k * per, (k + 1) * per);
    if (fineDetail(img, height, width) <= threshold) continue;
    out.set(blurImages(img, height, width, sigma), k * per);
    blurred[k] = 1;
  }
  return { pixels: out, blurred };
}
