// npm run bench:conv [-- --threads T --batch B --reps R]
//
// Times the three convolutions of each 3x3 stride-1 layer of the default model (params.yaml) on
// the wasm backend, with the direct kernels, with Winograd F(2x2, 3x3) (train.winograd) and with
// Winograd tiles up to 4x4 (F(4x4, 3x3) where tileFor picks it: train.winograd_tile 4): the
// forward pass, the input gradient and the filter gradient, at the training batch size, and
// prints milliseconds per call, GFLOP/s counted as the direct convolution's 2·9·Ci·Co
// multiply-adds per output, the speed-ups, and how far each Winograd result is from the direct
// one (max |difference| / max |direct|: float32 rounding). One process, one thread count
// (default: one per core; the wasm module's thread count is fixed per process).
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { initWasmBackend, useWinograd } from '../src/ml/backend/wasm/index.js';
import { trainParams } from './default-model.js';
import { parseScriptArgs, usageError } from '../scripts/script-args.mjs';

const NAME = 'bench:conv';
const USAGE = 'usage: npm run bench:conv -- [--threads T] [--batch B] [--reps R]';
const { values: args } = parseScriptArgs({ name: NAME, usage: USAGE, options: { threads: { type: 'string' }, batch: { type: 'string' }, reps: { type: 'string' } } });

/** --name's value as a positive integer, else fallback. */
function option(name: 'threads' | 'batch' | 'reps', fallback: number): number {
  const given = args[name];
  const v = given === undefined ? fallback : Number(given);
  if (!Number.isInteger(v) || v < 1) usageError(NAME, USAGE, `--${name} needs a positive integer, got '${given}'`);
  return v;
}

const threadsWanted = option('threads', os.cpus().length);
const { spec, batch: defaultBatch } = trainParams();
const batch = option('batch', defaultBatch);
const reps = option('reps', 10);
tf.env().set('PROD', true);
const { threads } = await initWasmBackend({ threads: threadsWanted });

// The 3x3 stride-1 layers of the vgg spec: [size, in, out]; the stem (stride stem_stride) halves 48.
const layers: Array<[number, number, number]> = [];
let size = 48 / spec.stem_stride;
let channels = 1;
spec.filters.forEach((f, block) => {
  for (let k = 0; k < spec.convs_per_block; k++) {
    const first = block === 0 && k === 0;
    if (!first || spec.stem_stride === 1) layers.push([size, channels, f]);
    channels = f;
  }
  size = Math.floor(size / 2);
});

/** Milliseconds per call of f, after two warm-up calls. */
function time(f: () => tf.Tensor): number {
  // The callback returns nothing: tidy would walk a returned typed array element by element.
  const once = (): void => tf.tidy(() => void f().dataSync());
  for (let i = 0; i < 2; i++) once();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) once();
  return (performance.now() - t0) / reps;
}

/** The values f computes. */
function values(f: () => tf.Tensor): Float32Array {
  return tf.tidy(() => Float32Array.from(f().dataSync()));
}

/** max |a − b| / max |b|. */
function relDiff(a: Float32Array, b: Float32Array): number {
  let d = 0;
  let m = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
    m = Math.max(m, Math.abs(b[i]!));
  }
  return m === 0 ? d : d / m;
}

const MODES = [
  { name: 'direct', on: false, tile: 2 },
  { name: 'F(2x2)', on: true, tile: 2 },
  { name: 'up to F(4x4)', on: true, tile: 4 },
] as const;

console.log(`${new Date().toISOString()} | ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${os.cpus().length} cores, Node ${process.versions.node} | wasm, ${threads} thread${threads === 1 ? '' : 's'} | batch ${batch}, ${reps} calls each`);
console.log('layer                  pass        direct ms  GFLOP/s | F(2x2) ms  GFLOP/s  speed-up  rel. diff | tile 4 ms  GFLOP/s  speed-up  rel. diff');
const totals = [0, 0, 0];
for (const [s, ci, co] of layers) {
  const x = tf.randomNormal([batch, s, s, ci], 0, 1, 'float32', 1) as tf.Tensor4D;
  const w = tf.randomNormal([3, 3, ci, co], 0, 1, 'float32', 2) as tf.Tensor4D;
  const dy = tf.randomNormal([batch, s, s, co], 0, 1, 'float32', 3) as tf.Tensor4D;
  const passes: Array<[string, () => tf.Tensor]> = [
    ['forward', () => tf.conv2d(x, w, 1, 'same')],
    ['input grad', () => tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { strides: 1, pad: 'same', dataFormat: 'NHWC', inputShape: x.shape }) as tf.Tensor],
    ['filter grad', () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, ci, co] }) as tf.Tensor],
  ];
  const gflop = (2 * 9 * batch * s * s * ci * co) / 1e9;
  for (const [name, f] of passes) {
    const ms: number[] = [];
    const outs: Float32Array[] = [];
    MODES.forEach((m, k) => {
      useWinograd(m.on, m.tile);
      ms.push(time(f));
      outs.push(values(f));
      totals[k]! += ms[k]!;
    });
    const rate = (t: number): string => (gflop / (t / 1000)).toFixed(1).padStart(7);
    const cols = [1, 2].map((k) => `${ms[k]!.toFixed(2).padStart(9)}  ${rate(ms[k]!)}  ${(ms[0]! / ms[k]!).toFixed(2).padStart(7)}x  ${relDiff(outs[k]!, outs[0]!).toExponential(1).padStart(9)}`);
    console.log(`${`${s}x${s}, ${ci} -> ${co}`.padEnd(22)} ${name.padEnd(11)} ${ms[0]!.toFixed(2).padStart(9)}  ${rate(ms[0]!)} | ${cols.join(' | ')}`);
  }
  tf.dispose([x, w, dy]);
}
useWinograd(false);
console.log(`all of them: direct ${totals[0]!.toFixed(1)} ms, F(2x2) ${totals[1]!.toFixed(1)} ms (${(totals[0]! / totals[1]!).toFixed(2)}x), tiles up to 4x4 ${totals[2]!.toFixed(1)} ms (${(totals[0]! / totals[2]!).toFixed(2)}x; ${(totals[1]! / totals[2]!).toFixed(2)}x F(2x2)'s speed)`);
