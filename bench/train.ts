// npm run bench:train -- --data /work/shared/data/fer2013 [--steps N] [--batch B] [--images N]
//   [--backends wasm-1,wasm-N,cpu,tensorflow] [--cpu-steps N] [--cpu-batch B] [--no-torch] [--profile]
//   (wasm-1-winograd, wasm-N-winograd: the same with Winograd convolutions, train.winograd;
//   wasm-1-winograd4, wasm-N-winograd4: with tiles up to 4x4, train.winograd_tile: 4)
//
// Trains the train stage's default model (src/ml/model/build.ts, spec from params.yaml) for a
// fixed number of steps on real FER2013 images with each available backend, each in its own
// process (the wasm thread count is fixed per process), and reports train and predict images/s
// and peak RSS, by wall clock and per second of process CPU time (which other processes' load
// barely changes). When `python3 -c 'import torch'` works (PATH's python3 or /usr/bin/python3),
// bench/torch_reference.py trains the same architecture in PyTorch on the same images with 1
// thread and with one per core, and the ratios are printed. --profile prints CPU time per kernel
// name over two training steps instead (PROFILE_SHAPES=1 splits it by input shapes).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import * as tf from '@tensorflow/tfjs';
import { decodeImage } from '../src/ml/data/image.js';
import { CLASS_NAMES, PIXELS_PER_IMAGE } from '../src/ml/data/dataset.js';
import { buildModel } from '../src/ml/model/build.js';
import { trainOptimizer, trainParams } from './default-model.js';
import { initWasmBackend } from '../src/ml/backend/wasm/index.js';
import { parseScriptArgs, usageError as scriptUsageError } from '../scripts/script-args.mjs';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = join(SCRIPT, '..', '..');

interface Options {
  data: string;
  steps: number;
  cpuSteps: number;
  cpuBatch: number;
  batch: number;
  images: number;
  backends: string[];
  torch: boolean;
  profile: boolean;
  worker?: string;
  imagesFile?: string;
}

const USAGE =
  'usage: npm run bench:train -- --data <fer2013 folder> [--steps N] [--batch B] [--images N] ' +
  '[--backends wasm-1,wasm-N,cpu,tensorflow] [--cpu-steps N] [--cpu-batch B] [--no-torch] [--profile]';

/** A bad or missing argument: what is wrong and the usage line, exit 2. */
function usageError(message: string): never {
  return scriptUsageError('bench:train', USAGE, message);
}

function parseArgs(argv: string[]): Options {
  const { values: v } = parseScriptArgs({
    name: 'bench:train',
    usage: USAGE,
    args: argv,
    options: {
      data: { type: 'string', default: '' },
      steps: { type: 'string' },
      'cpu-steps': { type: 'string' },
      'cpu-batch': { type: 'string' },
      batch: { type: 'string' },
      images: { type: 'string' },
      backends: { type: 'string' },
      'no-torch': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      // internal: the measured child processes
      worker: { type: 'string' },
      'images-file': { type: 'string' },
    },
  });
  const count = (name: 'steps' | 'cpu-steps' | 'cpu-batch' | 'batch' | 'images', fallback: number): number => {
    const given = v[name];
    if (given === undefined) return fallback;
    const n = Number(given);
    if (!Number.isInteger(n) || n < 1) usageError(`--${name} needs a positive integer, got '${given}'`);
    return n;
  };
  const o: Options = {
    data: v.data,
    steps: count('steps', 20),
    cpuSteps: count('cpu-steps', 1),
    cpuBatch: count('cpu-batch', 32),
    batch: count('batch', 0),
    images: count('images', 2048),
    backends: v.backends === undefined ? [] : v.backends.split(','),
    torch: !v['no-torch'],
    profile: v.profile,
  };
  if (v.worker !== undefined) o.worker = v.worker;
  if (v['images-file'] !== undefined) o.imagesFile = v['images-file'];
  return o;
}

/** Decodes up to `limit` training images, classes interleaved, into one uint8 block + labels. */
function loadImages(dir: string, limit: number): { pixels: Uint8Array; labels: Uint8Array } {
  const perClass = CLASS_NAMES.map((c) => readdirSync(join(dir, 'train', c)).filter((f) => f.endsWith('.jpg')).sort());
  const pixels = new Uint8Array(limit * PIXELS_PER_IMAGE);
  const labels = new Uint8Array(limit);
  let n = 0;
  for (let i = 0; n < limit; i++) {
    let any = false;
    for (let c = 0; c < perClass.length && n < limit; c++) {
      const file = perClass[c]![i];
      if (file === undefined) continue;
      any = true;
      const r = decodeImage(readFileSync(join(dir, 'train', CLASS_NAMES[c]!, file)), pixels.subarray(n * PIXELS_PER_IMAGE, (n + 1) * PIXELS_PER_IMAGE));
      if (!r.ok) continue;
      labels[n++] = c;
    }
    if (!any) break;
  }
  return { pixels: pixels.slice(0, n * PIXELS_PER_IMAGE), labels: labels.slice(0, n) };
}

interface WorkerResult {
  backend: string;
  threads: number;
  steps: number;
  batch: number;
  trainImagesPerSec: number;
  /** images per second of process CPU time (all threads): robust to other processes' load */
  trainImagesPerCpuSec: number;
  predictImagesPerSec: number;
  peakRssMiB: number;
  finalLoss: number;
}

async function setBackendFor(name: string): Promise<number> {
  if (name.startsWith('wasm-')) {
    // wasm-1, wasm-N, wasm-<threads>; a -winograd suffix turns on Winograd for 3x3 convolutions,
    // -winograd4 with tiles up to 4x4.
    const [, threads = '', suffix] = /^wasm-([^-]+)(-winograd4?)?$/.exec(name) ?? [];
    const want = threads === 'N' ? os.cpus().length : Number(threads);
    return (await initWasmBackend({ threads: want, winograd: suffix !== undefined, winogradTile: suffix === '-winograd4' ? 4 : 2 })).threads;
  }
  if (name === 'tensorflow') {
    await import('@tensorflow/tfjs-node' as string);
  }
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} failed to start`);
  return 1;
}

async function runWorker(o: Options): Promise<void> {
  tf.env().set('PROD', true); // no "install tfjs-node" banner in the middle of the table
  const threads = await setBackendFor(o.worker!);
  const { spec, batch: defaultBatch, lr } = trainParams();
  const batch = o.batch > 0 ? o.batch : defaultBatch;
  const raw = readFileSync(o.imagesFile!);
  const count = raw.readUInt32LE(0);
  const labels = raw.subarray(4, 4 + count);
  const pixels = raw.subarray(4 + count);
  const model = buildModel({ spec, inputShape: [48, 48, 1], numClasses: CLASS_NAMES.length, seed: 1 });
  model.compile({ optimizer: await trainOptimizer(lr), loss: 'categoricalCrossentropy' });
  const batchAt = (step: number): { x: tf.Tensor4D; y: tf.Tensor2D } =>
    tf.tidy(() => {
      const start = (step * batch) % Math.max(1, count - batch);
      const px = new Float32Array(batch * PIXELS_PER_IMAGE);
      for (let i = 0; i < px.length; i++) px[i] = pixels[start * PIXELS_PER_IMAGE + i]! / 255;
      const y = tf.oneHot(tf.tensor1d(Array.from(labels.subarray(start, start + batch)), 'int32'), CLASS_NAMES.length);
      return { x: tf.tensor4d(px, [batch, 48, 48, 1]), y: y as tf.Tensor2D };
    });
  let peakRss = process.memoryUsage().rss;
  const step = async (i: number): Promise<number> => {
    const { x, y } = batchAt(i);
    const loss = (await model.trainOnBatch(x, y)) as number;
    tf.dispose([x, y]);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return loss;
  };
  const steps = o.worker === 'cpu' ? o.cpuSteps : o.steps;
  await step(0); // warm-up: kernel setup, XNNPACK operator creation, first allocations
  if (o.profile) {
    // Per kernel name: process CPU time (all threads; robust to other load) and calls, over 2 steps.
    const byName = new Map<string, { cpuMs: number; wallMs: number; calls: number }>();
    for (const k of tf.getKernelsForBackend(tf.getBackend())) {
      const inner = k.kernelFunc;
      k.kernelFunc = (args) => {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const out = inner(args);
        const c = process.cpuUsage(c0);
        const key = process.env['PROFILE_SHAPES'] === '1' ? `${k.kernelName} ${JSON.stringify(Object.values(args.inputs).map((t) => t?.shape))}` : k.kernelName;
        const e = byName.get(key) ?? { cpuMs: 0, wallMs: 0, calls: 0 };
        e.cpuMs += (c.user + c.system) / 1000;
        e.wallMs += performance.now() - t0;
        e.calls += 1;
        byName.set(key, e);
        return out;
      };
    }
    const c0 = process.cpuUsage();
    await step(1);
    await step(2);
    const c = process.cpuUsage(c0);
    const rows = [...byName.entries()].sort((a, b) => b[1].cpuMs - a[1].cpuMs);
    const total = rows.reduce((acc, [, e]) => acc + e.cpuMs, 0);
    console.log(`kernel profile, ${o.worker}, batch ${batch}, 2 steps: process CPU ${((c.user + c.system) / 1000).toFixed(0)} ms, in kernels ${total.toFixed(0)} ms`);
    for (const [name, e] of rows.slice(0, 25)) {
      console.log(`${name.padEnd(process.env['PROFILE_SHAPES'] === '1' ? 60 : 24)} cpu ${e.cpuMs.toFixed(1).padStart(8)} ms (${((100 * e.cpuMs) / total).toFixed(1).padStart(4)}%)  wall ${e.wallMs.toFixed(1).padStart(8)} ms ${String(e.calls / 2).padStart(5)} calls/step`);
    }
    return;
  }
  let loss = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 1; i <= steps; i++) loss = await step(i);
  const trainSec = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const trainCpuSec = (cpu.user + cpu.system) / 1e6;
  // Predict: inference batches of 256 over the same images.
  const predictBatches = o.worker === 'cpu' ? 1 : 4;
  const predictSize = o.worker === 'cpu' ? 64 : 256;
  const px = tf.tidy(() => tf.tensor4d(Float32Array.from(pixels.subarray(0, predictSize * PIXELS_PER_IMAGE), (v) => v / 255), [predictSize, 48, 48, 1]));
  (model.predict(px) as tf.Tensor).dispose();
  const p0 = performance.now();
  for (let i = 0; i < predictBatches; i++) {
    const out = model.predict(px) as tf.Tensor;
    await out.data();
    out.dispose();
  }
  const predictSec = (performance.now() - p0) / 1000;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const result: WorkerResult = {
    backend: o.worker!,
    threads,
    steps,
    batch,
    trainImagesPerSec: (steps * batch) / trainSec,
    trainImagesPerCpuSec: (steps * batch) / trainCpuSec,
    predictImagesPerSec: (predictBatches * predictSize) / predictSec,
    peakRssMiB: peakRss / 2 ** 20,
    finalLoss: loss,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
  // The wasm pthread pool is unref'd, but exit explicitly anyway: nothing else is left to do.
  process.exit(0);
}

function hasModule(name: string): boolean {
  try {
    import.meta.resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** The first python with torch: `python3` on PATH, else Debian's (python3-torch installs there). */
function torchPython(): string | undefined {
  return ['python3', '/usr/bin/python3'].find((py) => spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
}

function fmt(n: number, digits = 1): string {
  return n.toFixed(digits);
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (o.worker !== undefined) return runWorker(o);
  if (o.data === '') usageError('--data is required');
  if (!statSync(join(o.data, 'train'), { throwIfNoEntry: false })?.isDirectory()) usageError(`--data ${o.data}: no train/ folder there (FER2013 as image folders)`);
  const cores = os.cpus().length;
  const wasm = ['wasm-1', 'wasm-1-winograd', 'wasm-1-winograd4', ...(cores > 1 ? ['wasm-N', 'wasm-N-winograd', 'wasm-N-winograd4'] : [])];
  const backends = o.backends.length > 0 ? o.backends : [...wasm, 'cpu', ...(hasModule('@tensorflow/tfjs-node') ? ['tensorflow'] : [])];
  const { spec, batch: defaultBatch } = trainParams();
  const batch = o.batch > 0 ? o.batch : defaultBatch;
  const t0 = performance.now();
  const { pixels, labels } = loadImages(o.data, Math.max(o.images, batch + 1));
  console.log(`decoded ${labels.length} FER2013 training images in ${fmt((performance.now() - t0) / 1000)} s`);
  const tmp = mkdtempSync(join(os.tmpdir(), 'pipe-bench-'));
  const imagesFile = join(tmp, 'images.bin');
  const header = Buffer.alloc(4);
  header.writeUInt32LE(labels.length, 0);
  writeFileSync(imagesFile, Buffer.concat([header, labels, pixels]));
  const machine = `${os.cpus()[0]?.model ?? 'unknown cpu'}, ${cores} cores, Node ${process.versions.node}`;
  console.log(`${new Date().toISOString()} | ${machine} | model ${JSON.stringify(spec)} | batch ${batch}`);
  const results: WorkerResult[] = [];
  try {
    for (const b of backends) {
      // The plain-JS backend takes minutes per step of 128: it gets a smaller batch (its cost per
      // image hardly depends on the batch size).
      const workerBatch = b === 'cpu' ? Math.min(batch, o.cpuBatch) : batch;
      const args = [...process.execArgv, SCRIPT, '--worker', b, '--images-file', imagesFile, '--steps', String(o.steps), '--cpu-steps', String(o.cpuSteps), '--batch', String(workerBatch)];
      if (o.profile) args.push('--profile');
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (o.profile) process.stdout.write(r.stdout.split('\n').filter((l) => !l.includes('tfjs-node') && !l.startsWith('=')).join('\n'));
      if (line === undefined) {
        if (!o.profile) console.log(`${b}: no result (exit ${r.status})`);
        continue;
      }
      const res = JSON.parse(line.slice(7)) as WorkerResult;
      results.push(res);
      console.log(
        `${b.padEnd(16)} threads ${res.threads}  train ${fmt(res.trainImagesPerSec, 2).padStart(8)} img/s (${fmt(res.trainImagesPerCpuSec, 2)} img per CPU-s)  predict ${fmt(res.predictImagesPerSec).padStart(8)} img/s  peak RSS ${fmt(res.peakRssMiB, 0)} MiB  (${res.steps} steps of ${res.batch}, loss ${fmt(res.finalLoss, 3)})`,
      );
    }
    if (o.profile) return;
    const cpu = results.find((r) => r.backend === 'cpu');
    for (const r of results) {
      if (cpu !== undefined && r !== cpu) {
        console.log(`${r.backend} / cpu train: ${fmt(r.trainImagesPerSec / cpu.trainImagesPerSec)}x (per CPU-s ${fmt(r.trainImagesPerCpuSec / cpu.trainImagesPerCpuSec)}x)`);
      }
    }
    const python = o.torch ? torchPython() : undefined;
    if (python !== undefined) {
      // PyTorch with 1 thread and with one per core: the first pairs with wasm-1, the second with wasm-N.
      for (const threads of [...new Set([1, cores])]) {
        const py = spawnSync(
          python,
          [join(ROOT, 'bench', 'torch_reference.py'), '--images-file', imagesFile, '--spec', JSON.stringify(spec), '--batch', String(batch), '--steps', String(o.steps), '--threads', String(threads)],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
        );
        const line = py.stdout.split('\n').find((l) => l.startsWith('RESULT '));
        if (line === undefined) {
          console.log(`pytorch (${threads} threads): no result (exit ${py.status})`);
          continue;
        }
        const t = JSON.parse(line.slice(7)) as { trainImagesPerSec: number; trainImagesPerCpuSec: number; predictImagesPerSec: number; threads: number; version: string; peakRssMiB: number };
        console.log(`pytorch ${t.version} threads ${t.threads}  train ${fmt(t.trainImagesPerSec, 2).padStart(8)} img/s (${fmt(t.trainImagesPerCpuSec, 2)} img per CPU-s)  predict ${fmt(t.predictImagesPerSec).padStart(8)} img/s  peak RSS ${fmt(t.peakRssMiB, 0)} MiB`);
        for (const r of results.filter((x) => x.backend !== 'cpu')) {
          console.log(`  ${r.backend} / pytorch-${t.threads}: train ${fmt(r.trainImagesPerSec / t.trainImagesPerSec, 2)}x (per CPU-s ${fmt(r.trainImagesPerCpuSec / t.trainImagesPerCpuSec, 2)}x), predict ${fmt(r.predictImagesPerSec / t.predictImagesPerSec, 2)}x`);
        }
      }
    } else if (o.torch) {
      console.log('pytorch: not available (python3 -c "import torch" fails); skipped');
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
