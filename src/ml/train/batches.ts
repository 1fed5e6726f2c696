// Turns uint8 images into one float32 batch at a time, so the whole data set stays as bytes in
// memory (28,709 FER2013 images = 66 MB instead of 265 MB of floats). Optional augmentation
// (horizontal flip, shift, small rotation, rescaling, random erasing) and integer-factor
// downsampling happen here in plain JS with our seeded PRNG, so a run is reproducible and
// identical on every backend.
import { IMAGE_HEIGHT, IMAGE_WIDTH, type Dataset } from '../data/dataset.js';
import type { Rng } from '../random.js';

/** Images as bytes: image i is pixels[i*h*w ... (i+1)*h*w), row-major, one channel. */
export interface ImageSet {
  pixels: Uint8Array;
  labels: Uint8Array;
  height: number;
  width: number;
}

export function toImageSet(ds: Dataset): ImageSet {
  return { pixels: ds.pixels, labels: ds.labels, height: IMAGE_HEIGHT, width: IMAGE_WIDTH };
}

export function imageCount(set: ImageSet): number {
  return set.labels.length;
}

export interface Augmentation {
  /** mirror left-right with probability 1/2 */
  flip: boolean;
  /** random translation of up to this many source pixels in x and y (0 = none) */
  shift: number;
  /** random rotation of up to this many degrees either way (0 = none) */
  rotation: number;
  /** random rescaling by a factor in [1 - zoom, 1 + zoom] about the centre (0 = none) */
  zoom: number;
  /**
   * probability of random erasing (Zhong et al. 2017): a rectangle of 2-33% of the image, aspect
   * ratio 0.3-3.3 (torchvision's RandomErasing defaults), replaced by uniform noise (0 = none)
   */
  erase: number;
}

export const NO_AUGMENTATION: Augmentation = { flip: false, shift: 0, rotation: 0, zoom: 0, erase: 0 };

/** Random erasing's range of rectangle areas, as fractions of the image, and of aspect ratios. */
export const ERASE_AREA = [0.02, 0.33] as const;
export const ERASE_RATIO = [0.3, 1 / 0.3] as const;

/**
 * How pixel values reach the network. none: byte / 255, in [0, 1]. per_image: each image (after
 * augmentation and downsampling) shifted and scaled to mean 0 and standard deviation 1, so a
 * contrast-stretched image and a flat one look alike (FER2013's test folder is stretched, its
 * train folder is not: README, "A contrast shift between the folders").
 */
export const NORMALIZATIONS = ['none', 'per_image'] as const;
export type Normalization = (typeof NORMALIZATIONS)[number];

/**
 * The smallest standard deviation divided by, in units of [0, 1] pixels: an image of one flat
 * grey (std 0) becomes all zeros instead of a division by zero, and near-flat images are not
 * blown up into noise.
 */
export const MIN_STD = 1 / 255;

/** Standardizes `img` in place to mean 0 and standard deviation 1 (floored at MIN_STD). */
export function standardize(img: Float32Array): void {
  const n = img.length;
  if (n === 0) return;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += img[i]!;
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (img[i]! - mean) ** 2;
  const inv = 1 / Math.max(Math.sqrt(sq / n), MIN_STD);
  for (let i = 0; i < n; i++) img[i] = (img[i]! - mean) * inv;
}

export function augments(a: Augmentation): boolean {
  return a.flip || a.shift > 0 || a.rotation > 0 || a.zoom > 0 || a.erase > 0;
}

export interface BatchShape {
  /** model input height and width; the source size must be an integer multiple of it */
  height: number;
  width: number;
}

/**
 * Fills `out` (n*height*width floats in [0,1]) with the images `order[start..start+n)`.
 * With `aug` and `rng`, each image gets its own random flip/shift/rotation (bilinear sampling,
 * edge pixels repeated outside the image, as Keras' fill_mode 'nearest'); `flipAll` mirrors
 * every image (test-time flip averaging); `normalize: 'per_image'` standardizes each finished
 * image (see Normalization).
 */
export function fillImages(
  set: ImageSet,
  order: ArrayLike<number>,
  start: number,
  n: number,
  shape: BatchShape,
  out: Float32Array,
  options: { aug?: Augmentation; rng?: Rng; flipAll?: boolean; normalize?: Normalization } = {},
): void {
  const { height: sh, width: sw } = set;
  const fy = sh / shape.height;
  const fx = sw / shape.width;
  if (!Number.isInteger(fy) || !Number.isInteger(fx) || fy < 1 || fx < 1) {
    throw new Error(`input ${shape.width}x${shape.height} does not divide images of ${sw}x${sh}`);
  }
  const per = sh * sw;
  const plane = fy === 1 && fx === 1 ? null : new Float32Array(per);
  const aug = options.aug && options.rng && augments(options.aug) ? options.aug : null;
  for (let k = 0; k < n; k++) {
    const src = set.pixels.subarray(order[start + k]! * per, (order[start + k]! + 1) * per);
    // full-resolution image (augmented if asked), then box-downsampled into the batch
    const target = plane ?? out.subarray(k * per, (k + 1) * per);
    if (aug) {
      warp(src, sh, sw, drawTransform(aug, options.rng!, options.flipAll === true), target);
      if (aug.erase > 0) erase(target, sh, sw, aug.erase, options.rng!);
    } else if (options.flipAll) {
      for (let y = 0; y < sh; y++) for (let x = 0; x < sw; x++) target[y * sw + x] = src[y * sw + (sw - 1 - x)]! / 255;
    } else {
      for (let i = 0; i < per; i++) target[i] = src[i]! / 255;
    }
    if (plane) downsample(plane, sh, sw, fy, fx, out.subarray(k * shape.height * shape.width));
    if (options.normalize === 'per_image') {
      const size = shape.height * shape.width;
      standardize(out.subarray(k * size, (k + 1) * size));
    }
  }
}

/** One-hot labels (optionally label-smoothed: y*(1-e) + e/K) for `order[start..start+n)`. */
export function fillLabels(
  set: ImageSet,
  order: ArrayLike<number>,
  start: number,
  n: number,
  numClasses: number,
  smoothing: number,
  out: Float32Array,
): void {
  const off = smoothing / numClasses;
  out.fill(off, 0, n * numClasses);
  for (let k = 0; k < n; k++) out[k * numClasses + set.labels[order[start + k]!]!] = 1 - smoothing + off;
}

interface Transform {
  flip: boolean;
  dx: number;
  dy: number;
  cos: number;
  sin: number;
  /** output size / source size: above 1 zooms in */
  scale: number;
}

function drawTransform(aug: Augmentation, rng: Rng, forceFlip: boolean): Transform {
  // Flip, shift and rotation always draw their numbers, so the stream does not depend on which
  // of them are enabled. Zoom and erasing, added later, draw only when enabled: runs without
  // them get exactly the images they got before these existed (test/train/augment-stream.test.ts).
  const flip = rng.next() < 0.5;
  const dx = (rng.next() * 2 - 1) * aug.shift;
  const dy = (rng.next() * 2 - 1) * aug.shift;
  const angle = ((rng.next() * 2 - 1) * aug.rotation * Math.PI) / 180;
  const scale = aug.zoom > 0 ? 1 + (rng.next() * 2 - 1) * aug.zoom : 1;
  return { flip: forceFlip || (aug.flip && flip), dx, dy, cos: Math.cos(angle), sin: Math.sin(angle), scale };
}

/**
 * With probability `p`, fills one random rectangle of `img` (h x w, values in [0, 1]) with
 * uniform noise. Always draws the same six numbers, so whether one image is erased does not
 * move the next image's draws.
 */
function erase(img: Float32Array, h: number, w: number, p: number, rng: Rng): void {
  const hit = rng.next() < p;
  const area = h * w * (ERASE_AREA[0] + rng.next() * (ERASE_AREA[1] - ERASE_AREA[0]));
  // aspect ratio drawn log-uniformly, so r and 1/r are equally likely
  const ratio = Math.exp(Math.log(ERASE_RATIO[0]) + rng.next() * Math.log(ERASE_RATIO[1] / ERASE_RATIO[0]));
  const eh = Math.min(h, Math.max(1, Math.round(Math.sqrt(area * ratio))));
  const ew = Math.min(w, Math.max(1, Math.round(Math.sqrt(area / ratio))));
  const top = Math.floor(rng.next() * (h - eh + 1));
  const left = Math.floor(rng.next() * (w - ew + 1));
  const seed = rng.uint32();
  if (!hit) return;
  // the noise comes from its own small generator (seeded by one draw), so the main stream
  // advances by the same amount whatever the rectangle's size
  let state = seed;
  for (let y = top; y < top + eh; y++) {
    for (let x = left; x < left + ew; x++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      img[y * w + x] = state / 2 ** 32;
    }
  }
}

/** Inverse-maps each output pixel through rescaling and rotation about the centre + shift, bilinear. */
function warp(src: Uint8Array, h: number, w: number, t: Transform, out: Float32Array): void {
  const cy = (h - 1) / 2;
  const cx = (w - 1) / 2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const ox = (t.flip ? w - 1 - x : x) - cx - t.dx;
      const oy = y - cy - t.dy;
      // dividing by a scale of exactly 1 leaves every value bit-identical (IEEE division)
      let sx = (t.cos * ox + t.sin * oy) / t.scale + cx;
      let sy = (-t.sin * ox + t.cos * oy) / t.scale + cy;
      sx = sx < 0 ? 0 : sx > w - 1 ? w - 1 : sx;
      sy = sy < 0 ? 0 : sy > h - 1 ? h - 1 : sy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = x0 + 1 < w ? x0 + 1 : x0;
      const y1 = y0 + 1 < h ? y0 + 1 : y0;
      const ax = sx - x0;
      const ay = sy - y0;
      const top = src[y0 * w + x0]! * (1 - ax) + src[y0 * w + x1]! * ax;
      const bottom = src[y1 * w + x0]! * (1 - ax) + src[y1 * w + x1]! * ax;
      out[y * w + x] = (top * (1 - ay) + bottom * ay) / 255;
    }
  }
}

function downsample(plane: Float32Array, h: number, w: number, fy: number, fx: number, out: Float32Array): void {
  const oh = h / fy;
  const ow = w / fx;
  const scale = 1 / (fy * fx);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let sum = 0;
      for (let dy = 0; dy < fy; dy++) for (let dx = 0; dx < fx; dx++) sum += plane[(y * fy + dy) * w + x * fx + dx]!;
      out[y * ow + x] = sum * scale;
    }
  }
}
