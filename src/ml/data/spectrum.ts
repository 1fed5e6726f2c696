// How much blur separates two sets of images, read from their power spectra.
//
// Why: this copy of FER2013 holds its Training faces blurred (README, `npm run data:contrast`),
// and `split.sharp_blur` blurs the sharp ones by a Gaussian to match. A Gaussian of standard
// deviation σ (pixels) multiplies an image's power at spatial frequency f (cycles per pixel) by
// exp(-4π²σ²f²), so where one set is the other blurred, the ratio of their mean power spectra
// falls as exp(-4π²σ²f²). Matching it tells which blur was applied, and where the ratio stops
// falling the blurred set holds nothing but noise: no recipe can learn detail finer than that
// from it.

import { blurImages } from './split/blur.js';

/** The mean radial power spectrum of a set of images (height x width bytes each, one after another). */
export interface RadialSpectrum {
  /** power[k]: mean power of the frequencies whose radius rounds to k / size cycles per pixel */
  power: Float64Array;
  /** the side the frequencies are measured against (max(height, width)) */
  size: number;
  images: number;
}

/**
 * Each image has its mean removed and a Hann window applied (so its borders do not add power
 * at every frequency), then its 2-D DFT is taken (separable, direct: 48x48 images need no FFT)
 * and its power summed into rings of radius k / size cycles per pixel, k = 0 .. size/2.
 * `pick` chooses which of the images count.
 */
export function radialSpectrum(
  pixels: Uint8Array,
  height: number,
  width: number,
  pick: (index: number) => boolean = () => true,
): RadialSpectrum {
  const per = height * width;
  const size = Math.max(height, width);
  const rings = Math.floor(size / 2) + 1;
  const sums = new Float64Array(rings);
  const table = (n: number) => {
    const c = new Float64Array(n * n);
    const s = new Float64Array(n * n);
    for (let k = 0; k < n; k++) {
      for (let x = 0; x < n; x++) {
        c[k * n + x] = Math.cos((2 * Math.PI * k * x) / n);
        s[k * n + x] = Math.sin((2 * Math.PI * k * x) / n);
      }
    }
    return { c, s };
  };
  const hann = (n: number) => Float64Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / n));
  const tx = table(width);
  const ty = table(height);
  const wx = hann(width);
  const wy = hann(height);
  // the ring of each (row frequency, column frequency): fixed for the image size
  const ring = new Int32Array(per);
  const members = new Float64Array(rings);
  for (let l = 0; l < height; l++) {
    const fy = (l <= height / 2 ? l : l - height) / height;
    for (let k = 0; k < width; k++) {
      const fx = (k <= width / 2 ? k : k - width) / width;
      const at = Math.round(Math.hypot(fx, fy) * size);
      ring[l * width + k] = at;
      if (at < rings) members[at] = members[at]! + 1;
    }
  }
  const img = new Float64Array(per);
  const re = new Float64Array(per);
  const im = new Float64Array(per);
  let images = 0;
  for (let i = 0; i * per < pixels.length; i++) {
    if (!pick(i)) continue;
    images++;
    const src = pixels.subarray(i * per, (i + 1) * per);
    let mean = 0;
    for (const v of src) mean += v;
    mean /= per;
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) img[y * width + x] = (src[y * width + x]! - mean) * wy[y]! * wx[x]!;
    // along the rows, then down the columns
    for (let y = 0; y < height; y++) {
      for (let k = 0; k < width; k++) {
        let a = 0;
        let b = 0;
        for (let x = 0; x < width; x++) {
          const v = img[y * width + x]!;
          a += v * tx.c[k * width + x]!;
          b -= v * tx.s[k * width + x]!;
        }
        re[y * width + k] = a;
        im[y * width + k] = b;
      }
    }
    for (let k = 0; k < width; k++) {
      for (let l = 0; l < height; l++) {
        let a = 0;
        let b = 0;
        for (let y = 0; y < height; y++) {
          const c = ty.c[l * height + y]!;
          const s = ty.s[l * height + y]!;
          const r = re[y * width + k]!;
          const q = im[y * width + k]!;
          a += r * c + q * s;
          b += q * c - r * s;
        }
        const at = ring[l * width + k]!;
        if (at < rings) sums[at] = sums[at]! + a * a + b * b;
      }
    }
  }
  const power = sums.map((s, k) => (images > 0 ? s / members[k]! / images : Number.NaN));
  return { power, size, images };
}

export interface BlurMatch {
  /** the σ (pixels) of split.sharp_blur's Gaussian that brings the sharp images closest */
  sigma: number;
  /** the sharp images' spectrum after that blur */
  spectrum: RadialSpectrum;
  /** root mean square of the log power ratio's deviation from its mean over the rings compared */
  misfit: number;
  /** the rings compared: 1 .. last */
  last: number;
}

/**
 * The blur that makes the sharp images' spectrum most like the blurred ones', over the rings 1
 * .. the last at or below `maxFrequency` cycles per pixel: the sharp images are blurred by each
 * candidate σ with blurImages (split.sharp_blur's own blur, rounding to bytes included) and
 * measured the same way as the blurred set, so the window's smearing of the spectrum and the
 * rounding touch both sides alike, which a fit of a formula to one ratio would not allow for.
 * A constant factor between the sets (a contrast change) is allowed: the misfit is the spread of
 * the log ratio about its mean. Searched on a grid of 0.5 over [0.5, 6], then 0.1, then 0.02.
 */
export function matchBlur(
  blurred: RadialSpectrum,
  sharpPixels: Uint8Array,
  height: number,
  width: number,
  pick: (index: number) => boolean,
  maxFrequency: number,
): BlurMatch {
  // only the picked images are blurred, once per σ tried
  const per = height * width;
  const chosen: number[] = [];
  for (let i = 0; i * per < sharpPixels.length; i++) if (pick(i)) chosen.push(i);
  const sharp = new Uint8Array(chosen.length * per);
  chosen.forEach((i, j) => sharp.set(sharpPixels.subarray(i * per, (i + 1) * per), j * per));
  let last = 1;
  while (last + 1 < blurred.power.length && (last + 1) / blurred.size <= maxFrequency + 1e-12) last++;
  const tried = new Map<number, { spectrum: RadialSpectrum; misfit: number }>();
  const score = (sigma: number) => {
    const key = Math.round(sigma * 100);
    const known = tried.get(key);
    if (known) return known;
    const spectrum = radialSpectrum(blurImages(sharp, height, width, key / 100), height, width);
    const logs: number[] = [];
    for (let k = 1; k <= last; k++) logs.push(Math.log(blurred.power[k]! / spectrum.power[k]!));
    const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
    const misfit = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / logs.length);
    const entry = { spectrum, misfit: Number.isFinite(misfit) ? misfit : Number.POSITIVE_INFINITY };
    tried.set(key, entry);
    return entry;
  };
  let best = 0.5;
  for (const step of [0.5, 0.1, 0.02]) {
    const from = step === 0.5 ? 0.5 : Math.max(step, best - 5 * step);
    const to = step === 0.5 ? 6 : best + 5 * step;
    for (let s = from; s <= to + 1e-9; s += step) if (score(s).misfit < score(best).misfit) best = Math.round(s * 100) / 100;
  }
  const { spectrum, misfit } = score(best);
  return { sigma: best, spectrum, misfit, last };
}
