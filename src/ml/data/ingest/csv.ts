// The original Kaggle layout: fer2013.csv with columns emotion,pixels,Usage (any order, any
// case, spaces around names tolerated), pixels = 2,304 space-separated values 0..255 in
// row-major order. The ~300 MB file is streamed line by line. Rows are named by their line
// number in the file (the header is line 1), as `<file>:<line>` in messages and `csv:<line>`
// as image ids.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fail, ok, type Result } from '../../failure.js';
import { NUM_CLASSES, PIXELS_PER_IMAGE, USAGE_NAMES } from '../dataset.js';
import { badItemFailure, type IngestedImage, type OnBad, type SkippedItem } from './types.js';

export interface CsvRead {
  pixels: Uint8Array;
  images: IngestedImage[];
  skipped: SkippedItem[];
}

const REQUIRED = ['emotion', 'pixels', 'usage'] as const;

function unquote(field: string): string {
  const t = field.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
}

/** Parses `text` into `out` (2304 bytes); returns an error text or undefined when fine. */
function parsePixels(text: string, out: Uint8Array): string | undefined {
  let count = 0;
  let value = -1; // -1: between tokens
  let tokenStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = i < text.length ? text.charCodeAt(i) : 32;
    if (ch === 32 || ch === 9) {
      if (value >= 0) {
        if (count < PIXELS_PER_IMAGE) out[count] = value;
        count++;
        value = -1;
      }
    } else if (ch >= 48 && ch <= 57) {
      if (value < 0) {
        value = 0;
        tokenStart = i;
      }
      value = value * 10 + (ch - 48);
      if (value > 255) {
        let end = i;
        while (end < text.length && text.charCodeAt(end) !== 32) end++;
        return `pixel ${count + 1} is ${text.slice(tokenStart, end)}, expected an integer 0..255`;
      }
    } else {
      let start = i;
      while (start > 0 && text.charCodeAt(start - 1) !== 32) start--;
      let end = i;
      while (end < text.length && text.charCodeAt(end) !== 32) end++;
      return `pixel ${count + 1} is "${text.slice(start, end)}", expected an integer 0..255`;
    }
  }
  if (count !== PIXELS_PER_IMAGE) return `${count} pixel values, expected ${PIXELS_PER_IMAGE} (48x48)`;
  return undefined;
}

export async function readCsv(
  path: string,
  onBad: OnBad,
  onProgress?: (rows: number) => void,
): Promise<Result<CsvRead>> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let capacity = 4096;
  let pixels = new Uint8Array(capacity * PIXELS_PER_IMAGE);
  const images: IngestedImage[] = [];
  const skipped: SkippedItem[] = [];
  let lineNo = 0;
  let columns: { emotion: number; pixels: number; usage: number; count: number } | undefined;
  try {
    for await (const raw of lines) {
      lineNo++;
      const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.trim() === '') continue;
      const fields = line.split(',');
      if (columns === undefined) {
        const names = fields.map((f) => unquote(f).toLowerCase());
        const missing = REQUIRED.filter((c) => !names.includes(c));
        if (missing.length > 0) {
          return fail({
            where: `${path}:${lineNo}`,
            message: `header has no ${missing.map((m) => (m === 'usage' ? 'Usage' : m)).join(', ')} column (found: ${fields.map((f) => f.trim()).join(', ')})`,
            hint: 'fer2013.csv starts with the header line `emotion,pixels,Usage`',
          });
        }
        columns = { emotion: names.indexOf('emotion'), pixels: names.indexOf('pixels'), usage: names.indexOf('usage'), count: names.length };
        continue;
      }
      if (images.length === capacity) {
        capacity *= 2;
        const grown = new Uint8Array(capacity * PIXELS_PER_IMAGE);
        grown.set(pixels);
        pixels = grown;
      }
      const slot = pixels.subarray(images.length * PIXELS_PER_IMAGE, (images.length + 1) * PIXELS_PER_IMAGE);
      let reason: string | undefined;
      let label = -1;
      let usage = -1;
      if (fields.length !== columns.count) {
        reason = `${fields.length} fields, expected ${columns.count} (emotion,pixels,Usage)`;
      } else {
        const emotion = unquote(fields[columns.emotion]!);
        const usageText = unquote(fields[columns.usage]!);
        label = /^\d+$/.test(emotion) ? Number(emotion) : -1;
        usage = USAGE_NAMES.findIndex((u) => u.toLowerCase() === usageText.toLowerCase());
        if (label < 0 || label >= NUM_CLASSES) {
          reason = `emotion "${emotion}" is not a class index 0..${NUM_CLASSES - 1}`;
        } else if (usage < 0) {
          reason = `unknown Usage "${usageText}" (expected ${USAGE_NAMES.join(', ')})`;
        } else {
          reason = parsePixels(unquote(fields[columns.pixels]!), slot);
        }
      }
      if (reason !== undefined) {
        const item = { where: `${path}:${lineNo}`, reason };
        if (onBad === 'error') return fail(badItemFailure(item));
        skipped.push(item);
        continue;
      }
      images.push({ label, usage, id: `csv:${lineNo}`, hash: createHash('sha1').update(slot).digest('hex') });
      if (onProgress !== undefined && images.length % 5000 === 0) onProgress(images.length);
    }
  } finally {
    // an early return (first bad row) must not leave the file open
    lines.close();
    input.destroy();
  }
  if (columns === undefined) {
    return fail({ where: path, message: 'empty file: no header line', hint: 'fer2013.csv starts with the header line `emotion,pixels,Usage`' });
  }
  return ok({ pixels: pixels.subarray(0, images.length * PIXELS_PER_IMAGE), images, skipped });
}
