// The one adapter around the image decoders (jpeg-js, pngjs): bytes of a JPEG or PNG file in,
// 48x48 uint8 grayscale out, or the reason it cannot be used. Both decoders hand back RGB(A);
// FER2013 is grayscale, so R=G=B and the first channel is the value. A colour image is
// converted with the ITU-R BT.601 luma weights (what most tools call "grayscale"); alpha is
// ignored.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { IMAGE_HEIGHT, IMAGE_WIDTH, PIXELS_PER_IMAGE } from './dataset.js';

export type DecodeResult = { ok: true; pixels: Uint8Array } | { ok: false; reason: string };

export type ImageKind = 'jpeg' | 'png';

/** By content, not by file name: a `.jpg` holding a PNG still decodes. */
export function sniffImageKind(bytes: Uint8Array): ImageKind | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  return undefined;
}

function decodeRaw(bytes: Uint8Array, kind: ImageKind): { width: number; height: number; data: Uint8Array; channels: number } {
  if (kind === 'jpeg') {
    // tolerantDecoding off: a truncated file must fail, not come back half grey
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, tolerantDecoding: false, maxResolutionInMP: 16, maxMemoryUsageInMB: 64 });
    return { width: img.width, height: img.height, data: img.data, channels: 3 };
  }
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  return { width: png.width, height: png.height, data: png.data, channels: 4 };
}

/** Decodes one FER2013 image into `out` (2304 bytes) or a fresh array. */
export function decodeImage(bytes: Uint8Array, out: Uint8Array = new Uint8Array(PIXELS_PER_IMAGE)): DecodeResult {
  const kind = sniffImageKind(bytes);
  if (kind === undefined) return { ok: false, reason: 'not a JPEG or PNG file' };
  let img: ReturnType<typeof decodeRaw>;
  try {
    img = decodeRaw(bytes, kind);
  } catch (err) {
    return { ok: false, reason: `cannot decode ${kind.toUpperCase()}: ${(err as Error).message}` };
  }
  if (img.width !== IMAGE_WIDTH || img.height !== IMAGE_HEIGHT) {
    return { ok: false, reason: `image is ${img.width}x${img.height}, expected ${IMAGE_WIDTH}x${IMAGE_HEIGHT}` };
  }
  const { data, channels } = img;
  for (let i = 0, j = 0; i < PIXELS_PER_IMAGE; i++, j += channels) {
    const r = data[j]!;
    const g = data[j + 1]!;
    const b = data[j + 2]!;
    out[i] = r === g && g === b ? r : Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  }
  return { ok: true, pixels: out };
}

/** Encoders for the test-data generator: grayscale 48x48 (or any size) to file bytes. */
export function encodeGrayJpeg(pixels: Uint8Array, width: number, height: number, quality = 95): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = pixels[i]!;
    rgba[4 * i + 3] = 255;
  }
  return jpeg.encode({ data: rgba, width, height }, quality).data;
}

export function encodeGrayPng(pixels: Uint8Array, width: number, height: number): Uint8Array {
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(pixels.buffer, pixels.byteOffset, width * height);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}
