// `npm run data:spectrum [-- [BLURRED [SHARP]] [--max-frequency F]]`
//
// Which Gaussian blur (split.sharp_blur's σ) turns the SHARP images into the BLURRED ones, read
// from their mean power spectra (src/ml/data/spectrum.ts). Each set is a dataset folder,
// optionally with `:Usage` (Training, PublicTest or PrivateTest) to keep one usage of it; the
// defaults are data/dataset:Training and data/dataset:PublicTest (after `npx pipe repro
// ingest`), the two folders of this FER2013 copy. Prints, per ring of spatial frequency, the
// power ratio BLURRED / SHARP, and BLURRED / SHARP blurred by the σ that matches best over 1/48
// .. F cycles per pixel (default 0.125), then that σ, and the frequency where the first ratio is
// lowest: above it the blurred set's power no longer falls with the blur, so what is left there
// is noise, not the faces' detail. Check the method on a blur of known σ: `npm run
// data:spectrum -- data/split/val data/dataset:PublicTest` (split.sharp_blur: 3 blurred those).
import { IMAGE_HEIGHT, IMAGE_WIDTH, readDataset, USAGE_NAMES } from '../src/ml/data/dataset.js';
import { matchBlur, radialSpectrum, type RadialSpectrum } from '../src/ml/data/spectrum.js';
import { FailureError } from '../src/ml/failure.js';
import { parseScriptArgs, usageError } from './script-args.mjs';

const NAME = 'data:spectrum';
const USAGE = 'usage: npm run data:spectrum -- [BLURRED [SHARP]] [--max-frequency F]';

/** A set that cannot be read: exit 2, no usage line (the command line itself was fine). */
function fail(message: string): never {
  process.stderr.write(`${NAME}: ${message}\n`);
  process.exit(2);
}

const { values, positionals: sets } = parseScriptArgs({ name: NAME, usage: USAGE, options: { 'max-frequency': { type: 'string' } }, allowPositionals: true });
const maxFrequency = values['max-frequency'] === undefined ? 0.125 : Number(values['max-frequency']);
if (!(maxFrequency > 0 && maxFrequency <= 0.5)) usageError(NAME, USAGE, `--max-frequency needs a number of cycles per pixel in (0, 0.5], got '${values['max-frequency']}'`);
if (sets.length > 2) usageError(NAME, USAGE, `at most two sets (BLURRED and SHARP), got ${sets.length}: ${sets.join(' ')}`);
const [blurredSpec = 'data/dataset:Training', sharpSpec = 'data/dataset:PublicTest'] = sets;

interface SetSpectrum extends RadialSpectrum {
  label: string;
  pixels: Uint8Array;
  pick: (index: number) => boolean;
}

async function spectrumOf(spec: string): Promise<SetSpectrum> {
  const colon = spec.lastIndexOf(':');
  const usageName = colon > 0 ? spec.slice(colon + 1) : undefined;
  const dir = colon > 0 ? spec.slice(0, colon) : spec;
  const usage = usageName === undefined ? undefined : (USAGE_NAMES as readonly string[]).indexOf(usageName);
  if (usage === -1) fail(`'${spec}': unknown usage '${usageName}' (one of ${USAGE_NAMES.join(', ')})`);
  let ds;
  try {
    ds = await readDataset(dir);
  } catch (err) {
    if (err instanceof FailureError) fail(`'${spec}': ${err.message}`);
    throw err;
  }
  const pick = (i: number): boolean => usage === undefined || ds.usage[i] === usage;
  const spectrum = radialSpectrum(ds.pixels, IMAGE_HEIGHT, IMAGE_WIDTH, pick);
  if (spectrum.images === 0) fail(`'${spec}': no images${usageName ? ` of usage ${usageName}` : ''} in ${dir}`);
  return { ...spectrum, label: spec, pixels: ds.pixels, pick };
}

const blurred = await spectrumOf(blurredSpec);
const sharp = await spectrumOf(sharpSpec);
const match = matchBlur(blurred, sharp.pixels, IMAGE_HEIGHT, IMAGE_WIDTH, sharp.pick, maxFrequency);
const sigma = match.sigma.toFixed(2);

const lines = [
  `${blurred.label} (${blurred.images} images) against ${sharp.label} (${sharp.images} images)`,
  '',
  `| cycles per pixel | power ratio | against SHARP blurred by sigma ${sigma} |`,
  '| ---: | ---: | ---: |',
];
const ratio = (k: number): number => blurred.power[k]! / sharp.power[k]!;
let lowest = 1;
for (let k = 1; k < blurred.power.length; k++) {
  if (ratio(k) < ratio(lowest)) lowest = k;
  lines.push(`| ${(k / blurred.size).toFixed(4)} | ${ratio(k).toExponential(2)} | ${(blurred.power[k]! / match.spectrum.power[k]!).toExponential(2)} |`);
}
lines.push('');
lines.push(
  `best-matching blur over ${(1 / blurred.size).toFixed(4)}-${(match.last / blurred.size).toFixed(4)} cycles per pixel: sigma ${sigma} pixels (rms log misfit ${match.misfit.toFixed(3)})`,
);
lines.push(`lowest power ratio at ${(lowest / blurred.size).toFixed(4)} cycles per pixel (${ratio(lowest).toExponential(2)})`);
process.stdout.write(`${lines.join('\n')}\n`);
