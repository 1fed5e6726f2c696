// split.blur: a Gaussian blur of every image, written into all three splits.
//
// Why: in the image-folder copy of FER2013 the Training images hold about ten times less fine
// detail than the PublicTest / PrivateTest images (`npm run data:contrast`, README). Under the
// official protocol a network trained on the smooth ones meets sharp ones at validation and
// test. Blurring every image takes most of that difference away (the smooth ones change little);
// blurring only the test folder would be fitting the fix to the test set.
//
// Separable kernel exp(-x²/2σ²) over ±ceil(3σ), border pixels repeated, rounded back to bytes.
// Deterministic: identical images stay identical (the split's duplicate counts do not move).

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
