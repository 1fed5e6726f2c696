// Picks the TensorFlow.js backend at run time. The native packages (tfjs-node-gpu, tfjs-node)
// are optionalDependencies that are often absent (their libtensorflow download can fail), so
// they are only ever imported dynamically, inside try/catch; the chain then falls back to the
// WebAssembly backend and finally to plain JS. Training code never depends on which one won.
import * as tf from '@tensorflow/tfjs';
import { initWasmBackend } from './wasm/index.js';

export const BACKEND_CHOICES = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** What the run ended up on; recorded in metrics files. */
export interface BackendInfo {
  /** tfjs backend name: 'tensorflow' (tfjs-node or -gpu), 'wasm' or 'cpu'. */
  name: string;
  /** the choice that won, e.g. 'tensorflow-gpu' vs 'tensorflow' (both register 'tensorflow') */
  choice: Exclude<BackendChoice, 'auto'>;
  /** whether a GPU device is in use (only the tfjs-node-gpu build can say yes) */
  gpu: boolean;
  /** threads the backend computes with (wasm: its pool size; native: the library decides → 0) */
  threads: number;
  /** wasm only: 3x3 stride-1 convolutions by Winograd F(2x2, 3x3) (train.winograd) */
  winograd: boolean;
  /** with winograd: the largest output tile, 4 letting large outputs use F(4x4, 3x3) (train.winograd_tile) */
  winogradTile: 2 | 4;
  /** one line per candidate tried and why it was skipped, for the log */
  notes: string[];
}

export interface BackendFailure {
  kind: 'backend-unavailable';
  choice: BackendChoice;
  message: string;
}

/** Loads a module by specifier; tests replace it to simulate present or missing packages. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

/** train.winograd and train.winograd_tile (or evaluate's) together. */
export interface WinogradChoice {
  on: boolean;
  tile: 2 | 4;
}

export interface SelectOptions {
  choice: BackendChoice;
  /** requested compute threads for wasm; 0 = as many as the machine has */
  threads: number;
  /** wasm: Winograd for 3x3 stride-1 convolutions (faster, not bit-identical); default false */
  winograd?: boolean;
  /** wasm, with winograd: 4 lets large outputs use F(4x4, 3x3); default 2 */
  winogradTile?: 2 | 4;
  importer?: ModuleImporter;
}

const defaultImporter: ModuleImporter = (specifier) => import(specifier);

type Attempt = { ok: true; info: Omit<BackendInfo, 'notes'> } | { ok: false; reason: string };

export async function selectBackend(
  options: SelectOptions,
): Promise<{ ok: true; info: BackendInfo } | { ok: false; error: BackendFailure }> {
  const importer = options.importer ?? defaultImporter;
  const order: Exclude<BackendChoice, 'auto'>[] =
    options.choice === 'auto' ? ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] : [options.choice];
  const notes: string[] = [];
  for (const candidate of order) {
    const attempt = await tryBackend(candidate, options.threads, { on: options.winograd ?? false, tile: options.winogradTile ?? 2 }, importer);
    if (attempt.ok) return { ok: true, info: { ...attempt.info, notes } };
    notes.push(`${candidate}: ${attempt.reason}`);
  }
  const forced = options.choice !== 'auto';
  return {
    ok: false,
    error: {
      kind: 'backend-unavailable',
      choice: options.choice,
      message: forced
        ? `train.backend is '${options.choice}' but it cannot be used: ${notes.join('; ')}. ` +
          `Install it or set train.backend: auto in params.yaml.`
        : `no TensorFlow.js backend could be started: ${notes.join('; ')}`,
    },
  };
}

async function tryBackend(
  candidate: Exclude<BackendChoice, 'auto'>,
  threads: number,
  winograd: WinogradChoice,
  importer: ModuleImporter,
): Promise<Attempt> {
  switch (candidate) {
    case 'tensorflow-gpu':
      return tryNative('@tensorflow/tfjs-node-gpu', candidate, importer);
    case 'tensorflow':
      return tryNative('@tensorflow/tfjs-node', candidate, importer);
    case 'wasm':
      return tryWasm(threads, winograd);
    case 'cpu':
      return (await setBackendQuietly('cpu'))
        ? { ok: true, info: { name: 'cpu', choice: 'cpu', gpu: false, threads: 1, winograd: false, winogradTile: 2 } }
        : { ok: false, reason: 'the plain-JS backend failed to start' };
  }
}

async function tryNative(
  pkg: string,
  choice: 'tensorflow' | 'tensorflow-gpu',
  importer: ModuleImporter,
): Promise<Attempt> {
  try {
    // Importing registers backend 'tensorflow' with the shared @tensorflow/tfjs-core.
    await importer(pkg);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
    return { ok: false, reason: missing ? `${pkg} is not installed` : `${pkg} failed to load (${firstLine(err)})` };
  }
  if (!(await setBackendQuietly('tensorflow'))) {
    return { ok: false, reason: `${pkg} loaded but backend 'tensorflow' did not start` };
  }
  const gpu = Boolean((tf.backend() as { isUsingGpuDevice?: boolean }).isUsingGpuDevice);
  return { ok: true, info: { name: 'tensorflow', choice, gpu, threads: 0, winograd: false, winogradTile: 2 } };
}

async function tryWasm(threads: number, winograd: WinogradChoice): Promise<Attempt> {
  try {
    // The project's wasm module adds the training kernels tfjs lacks and the threaded build.
    const options = { winograd: winograd.on, winogradTile: winograd.tile };
    const started = await initWasmBackend(threads > 0 ? { threads, ...options } : options);
    if (tf.getBackend() !== 'wasm') return { ok: false, reason: `backend 'wasm' did not start` };
    return { ok: true, info: { name: 'wasm', choice: 'wasm', gpu: false, threads: started.threads, winograd: winograd.on, winogradTile: winograd.on ? winograd.tile : 2 } };
  } catch (err) {
    return { ok: false, reason: `the WebAssembly backend failed to start (${firstLine(err)})` };
  }
}

async function setBackendQuietly(name: string): Promise<boolean> {
  try {
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}

/** One line for the log, e.g. "backend: wasm (1 thread; tensorflow-gpu: ... not installed)". */
export function describeBackend(info: BackendInfo): string {
  const parts = [`backend: ${info.choice === 'tensorflow-gpu' ? 'tensorflow (tfjs-node-gpu)' : info.name}`];
  if (info.name === 'tensorflow') parts.push(info.gpu ? 'GPU in use' : 'no GPU visible, running on CPU');
  if (info.name === 'wasm') parts.push(`${info.threads} thread${info.threads === 1 ? '' : 's'}${info.winograd ? `, Winograd convolutions${info.winogradTile === 4 ? ' (tiles up to 4x4)' : ''}` : ''}`);
  return `${parts.join(', ')}${info.notes.length ? ` (skipped: ${info.notes.join('; ')})` : ''}`;
}
