// npm run fingerprint:train [-- --steps N --threads T --loop]
//
// Did a change to the training code change what training computes? Trains the default model
// (params.yaml) for a few steps of 128 deterministic pseudo-random images on the wasm backend and
// prints the losses and a sha256 of the resulting weights. Run it before and after a change (e.g.
// in a `git worktree` of the old commit, with this file copied in): equal fingerprints mean
// bit-identical training, which is what `pipe commit -f train` needs to be true. Compare
// fingerprints made with the same --threads (default 2, as training on this machine). The
// convolutions follow params.yaml's train.winograd and train.winograd_tile, as the train stage does.
//
// Without --loop it calls trainOnBatch directly: the model, the optimizer and the wasm kernels.
// With --loop the same images go through the train stage's own loop (`fit`, one epoch, every
// `train:` setting of params.yaml: shuffling, augmentation, normalization, dropout seeds, the
// schedule), so a change to batches, augmentation or the loop is covered too.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { initWasmBackend } from '../src/ml/backend/wasm/index.js';
import { CLASS_NAMES } from '../src/ml/data/dataset.js';
import { buildModel } from '../src/ml/model/build.js';
import { requireParams } from '../src/ml/params/load.js';
import { trainSection } from '../src/ml/params/train.js';
import type { ImageSet } from '../src/ml/train/batches.js';
import { fit } from '../src/ml/train/fit.js';
import { fitOptionsFrom } from '../src/ml/train/run.js';
import { trainOptimizer, trainParams } from './default-model.js';

const USAGE = 'usage: npm run fingerprint:train -- [--steps N] [--threads T] [--loop]';

/** A bad argument: what is wrong and the usage line, exit 2. */
function usageError(message: string): never {
  process.stderr.write(`fingerprint:train: ${message}\n${USAGE}\n`);
  process.exit(2);
}

// --name value options, as given
const given = new Map<string, string>();
{
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (a === '--loop') continue; // a flag: read below
    if (!['--steps', '--threads'].includes(a)) usageError(a.startsWith('-') ? `unknown option '${a}'` : `unexpected argument '${a}'`);
    const value = args[++i];
    if (value === undefined) usageError(`${a} needs a value`);
    given.set(a, value);
  }
}

function option(name: string, fallback: number): number {
  const v = given.has(name) ? Number(given.get(name)) : fallback;
  if (!Number.isInteger(v) || v < 1) usageError(`${name} needs a positive integer, got '${given.get(name)}'`);
  return v;
}

const steps = option('--steps', 6);
const threads = option('--threads', 2);
const loop = process.argv.includes('--loop');
tf.env().set('PROD', true);
const { spec, batch, lr, winograd, winogradTile } = trainParams();
// train.winograd(_tile) as params.yaml sets it: the fingerprint is of what the train stage computes.
await initWasmBackend({ threads, winograd, winogradTile });
const model = buildModel({ spec, inputShape: [48, 48, 1], numClasses: CLASS_NAMES.length, seed: 1 });

// a linear congruential stream: the same images on every machine and commit
let state = 12345;
const nextUnit = (): number => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return state / 2 ** 32;
};

const losses: number[] = [];
if (loop) {
  const p = await requireParams(trainSection, join(fileURLToPath(import.meta.url), '..', '..', 'params.yaml'));
  const images = (n: number): ImageSet => ({
    pixels: Uint8Array.from({ length: n * 48 * 48 }, () => Math.floor(nextUnit() * 256)),
    labels: Uint8Array.from({ length: n }, (_, i) => i % CLASS_NAMES.length),
    height: 48,
    width: 48,
  });
  const options = { ...fitOptionsFrom(p), epochs: 1 };
  const result = fit(model, images(steps * options.batchSize), images(options.batchSize), options, (e) => {
    if (e.kind === 'batch-end') losses.push(e.loss);
  });
  result.bestWeights.forEach((t) => t.dispose());
  losses.push(result.history[0]!.val_loss);
} else {
  model.compile({ optimizer: await trainOptimizer(lr), loss: 'categoricalCrossentropy' });
  const pixels = new Float32Array(batch * 48 * 48);
  for (let step = 0; step < steps; step++) {
    for (let i = 0; i < pixels.length; i++) pixels[i] = nextUnit();
    const x = tf.tensor4d(pixels, [batch, 48, 48, 1]);
    const y = tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => (i * 7 + step) % CLASS_NAMES.length), 'int32'), CLASS_NAMES.length);
    losses.push((await model.trainOnBatch(x, y)) as number);
    tf.dispose([x, y]);
  }
}
const hash = createHash('sha256');
for (const w of model.trainableWeights) hash.update(Buffer.from(Float32Array.from(w.read().dataSync()).buffer));
console.log(`model ${JSON.stringify(spec)}, batch ${batch}, ${steps} steps${loop ? ' through fit (last: val_loss)' : ''}, wasm ${threads} threads`);
console.log(`losses ${losses.map((l) => l.toPrecision(9)).join(' ')}`);
console.log(`weights sha256 ${hash.digest('hex')}`);
