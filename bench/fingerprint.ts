// npm run fingerprint:train [-- --steps N --threads T]
//
// Did a change to the wasm kernels change what training computes? Trains the default model
// (params.yaml) for a few steps of 128 deterministic pseudo-random images on the wasm backend and
// prints the losses and a sha256 of the resulting weights. Run it before and after a change (e.g.
// in a `git worktree` of the old commit): equal fingerprints mean bit-identical training, which
// is what `pipe commit -f train` needs to be true. Compare fingerprints made with the same
// --threads (default 2, as training on this machine).
import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import { initWasmBackend } from '../src/ml/backend/wasm/index.js';
import { CLASS_NAMES } from '../src/ml/data/dataset.js';
import { buildModel } from '../src/ml/model/build.js';
import { trainParams } from './default-model.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} needs a positive integer`);
  return v;
}

const steps = option('--steps', 6);
const threads = option('--threads', 2);
tf.env().set('PROD', true);
await initWasmBackend({ threads });
const { spec, batch, lr } = trainParams();
const model = buildModel({ spec, inputShape: [48, 48, 1], numClasses: CLASS_NAMES.length, seed: 1 });
model.compile({ optimizer: tf.train.adam(lr), loss: 'categoricalCrossentropy' });
let state = 12345;
const pixels = new Float32Array(batch * 48 * 48);
const losses: number[] = [];
for (let step = 0; step < steps; step++) {
  for (let i = 0; i < pixels.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    pixels[i] = state / 2 ** 32;
  }
  const x = tf.tensor4d(pixels, [batch, 48, 48, 1]);
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => (i * 7 + step) % CLASS_NAMES.length), 'int32'), CLASS_NAMES.length);
  losses.push((await model.trainOnBatch(x, y)) as number);
  tf.dispose([x, y]);
}
const hash = createHash('sha256');
for (const w of model.trainableWeights) hash.update(Buffer.from(Float32Array.from(w.read().dataSync()).buffer));
console.log(`model ${JSON.stringify(spec)}, batch ${batch}, ${steps} steps, wasm ${threads} threads`);
console.log(`losses ${losses.map((l) => l.toPrecision(9)).join(' ')}`);
console.log(`weights sha256 ${hash.digest('hex')}`);
