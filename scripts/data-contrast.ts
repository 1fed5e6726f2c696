// `npm run data:contrast [-- <dataset dir>]` (default data/dataset, written by `pipe repro ingest`)
//
// Per FER2013 usage (Training / PublicTest / PrivateTest): how much contrast the images have.
// In the image-folder copy in ../shared/data/fer2013 the test-folder images are stretched to
// nearly the full 0-255 range while the Training images are not, a shift between the sets that
// the `official` split protocol (train on Training, select on PublicTest) runs straight into.
// Prints a Markdown table: images, mean of the per-image standard deviation, the medians of the
// per-image darkest and brightest pixel, and how much fine detail the images hold: the mean
// absolute 4-neighbour Laplacian over the interior pixels, divided by the image's standard
// deviation (so a contrast stretch alone does not change it; blurring lowers it), and how many
// images have more than 0.2 of it (split.sharp_detail's default: the images split.sharp_blur blurs).
import { IMAGE_HEIGHT, IMAGE_WIDTH, readDataset, PIXELS_PER_IMAGE, USAGE_NAMES } from '../src/ml/data/dataset.js';
import { DEFAULT_SHARP_DETAIL, fineDetail } from '../src/ml/data/detail.js';
import { FailureError } from '../src/ml/failure.js';
import { parseScriptArgs, usageError } from './script-args.mjs';

const NAME = 'data:contrast';
const USAGE = 'usage: npm run data:contrast -- [DATASET_DIR]';

function fail(message: string): never {
  process.stderr.write(`${NAME}: ${message}\n`);
  process.exit(2);
}

const { positionals } = parseScriptArgs({ name: NAME, usage: USAGE, allowPositionals: true });
if (positionals.length > 1) usageError(NAME, USAGE, `one dataset folder at most, got ${positionals.length}: ${positionals.join(' ')}`);
const dir = positionals[0] ?? 'data/dataset';
let ds;
try {
  ds = await readDataset(dir);
} catch (err) {
  if (err instanceof FailureError) fail(err.message);
  throw err;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const lines = [
  `| usage | images | mean per-image std | median darkest pixel | median brightest pixel | mean fine detail (Laplacian / std) | fine detail > ${DEFAULT_SHARP_DETAIL} |`,
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
];
USAGE_NAMES.forEach((name, u) => {
  const stds: number[] = [];
  const mins: number[] = [];
  const maxs: number[] = [];
  const details: number[] = [];
  for (let i = 0; i < ds.usage.length; i++) {
    if (ds.usage[i] !== u) continue;
    const img = ds.pixels.subarray(i * PIXELS_PER_IMAGE, (i + 1) * PIXELS_PER_IMAGE);
    let sum = 0;
    let sq = 0;
    let lo = 255;
    let hi = 0;
    for (const v of img) {
      sum += v;
      sq += v * v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const mean = sum / img.length;
    const std = Math.sqrt(Math.max(0, sq / img.length - mean * mean));
    stds.push(std);
    details.push(fineDetail(img, IMAGE_HEIGHT, IMAGE_WIDTH, std));
    mins.push(lo);
    maxs.push(hi);
  }
  const mean = (xs: number[]): number => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
  lines.push(`| ${name} | ${stds.length} | ${mean(stds).toFixed(1)} | ${median(mins)} | ${median(maxs)} | ${mean(details).toFixed(3)} | ${details.filter((d) => d > DEFAULT_SHARP_DETAIL).length} |`);
});
process.stdout.write(`${lines.join('\n')}\n`);
