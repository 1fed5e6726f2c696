// `pipe doctor`'s look at the TensorFlow.js backends: which packages are installed and load, and
// which backend `train` would start, with how many threads. A read-only probe: the real choice,
// selectBackend (src/ml/backend/select.ts), initialises the backend it picks (the wasm module and
// its thread pool, about 1 s with TensorFlow.js loaded), so this module answers the same question
// from the outside, following its order and rules:
//
// - train.backend `auto` tries tfjs-node-gpu, tfjs-node, wasm, cpu, in that order; any other value
//   tries that one alone (a forced one that cannot start fails the stage);
// - a native package counts when importing it succeeds: each installed one is imported in a child
//   Node (it loads libtensorflow and prints TensorFlow's own banners), so a crash or a hang there
//   cannot take doctor down; absent ones cost nothing;
// - wasm counts when its SIMD build validates on this Node (as tfjs's WASM_HAS_SIMD_SUPPORT does,
//   with the package's own binary): its threads are train.threads, or os.cpus().length for 0
//   (initWasmBackend's default), and 1 without the threaded SIMD build; XNNPACK caps its pool at
//   WASM_MAX_THREADS.
//
// src/ml is never imported here: it would load TensorFlow.js (about 0.8 s) for constants.
// test/doctor/backends-match-select.test.ts checks these lists against select.ts's.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseYaml, positionOf } from '../stores/yaml-adapter.js';
import type { BackendPackage, BackendsInfo, TrainBackend } from './report.js';

/** params.yaml's train.backend values (select.ts's BACKEND_CHOICES). */
export const BACKEND_CHOICES = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
/** What `auto` tries, in order (selectBackend's order). */
export const AUTO_ORDER = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
/** Measured: selectBackend with train.threads 12 and 16 started 8 threads (tfjs-backend-wasm 4.22.0, 2026-12-07). */
export const WASM_MAX_THREADS = 8;
/** train.threads' range in src/ml/params/train.ts. */
const MAX_THREADS_SETTING = 256;

export const NATIVE_PACKAGES = [
  { name: '@tensorflow/tfjs-node-gpu', backend: 'tensorflow-gpu' },
  { name: '@tensorflow/tfjs-node', backend: 'tensorflow' },
] as const;
export const WASM_PACKAGE = '@tensorflow/tfjs-backend-wasm';
const NOT_INSTALLED = "not installed (an optionalDependency whose install script downloads libtensorflow; npm skips it where that download fails: see README's Backends)";
/** A native package's import gets this long in its child Node (libtensorflow is large). */
const NATIVE_LOAD_TIMEOUT_MS = 60_000;

// resolved from pipe's own install: the training stages resolve their packages from the same node_modules
const pipeRequire = createRequire(import.meta.url);

export async function probeBackends(projectRoot: string | undefined): Promise<BackendsInfo> {
  const start = performance.now();
  const [gpu, node] = await Promise.all(NATIVE_PACKAGES.map((p) => probeNative(p.name, p.backend)));
  const wasm = probeWasm();
  const packages: BackendPackage[] = [gpu!, node!, wasm.pkg];
  const train = trainBackend(packages, readTrainSettings(projectRoot), wasm.threaded);
  return { packages, train, probeMs: Math.round(performance.now() - start) };
}

/** The package's folder and version, or undefined where it cannot be resolved. */
function findPackage(name: string, require: NodeJS.Require): { dir: string; version: string } | undefined {
  let manifest: string;
  try {
    manifest = require.resolve(`${name}/package.json`);
  } catch {
    return undefined;
  }
  try {
    const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version;
    return { dir: dirname(manifest), version: typeof version === 'string' ? version : 'unknown' };
  } catch {
    return { dir: dirname(manifest), version: 'unknown' };
  }
}

/** A native package as `require` finds it (pipe's own, but for tests), and whether it loads, in a child Node. */
export async function probeNative(name: string, backend: 'tensorflow-gpu' | 'tensorflow', require: NodeJS.Require = pipeRequire): Promise<BackendPackage> {
  const found = findPackage(name, require);
  if (found === undefined) return { name, backend, installed: false, version: null, loadable: null, detail: NOT_INSTALLED };
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch (err) {
    return { name, backend, installed: true, version: found.version, loadable: false, detail: `its entry point cannot be resolved (${firstLine(err)})` };
  }
  const loaded = await importInChild(entry);
  if (!loaded.ok) return { name, backend, installed: true, version: found.version, loadable: false, detail: `does not load: ${loaded.reason}` };
  const device = backend === 'tensorflow-gpu' ? (loaded.gpu ? 'GPU visible' : 'no GPU visible: trains on the CPU') : 'CPU';
  return { name, backend, installed: true, version: found.version, loadable: true, detail: `loads (${device})` };
}

/** The child's script: import the package, let tfjs start its backend, say whether it sees a GPU. */
const CHILD_SCRIPT = `
try {
  const m = await import(process.argv[1]);
  const tf = m.default ?? m;
  await tf.ready();
  const b = tf.backend();
  process.stdout.write('\\n' + JSON.stringify({ ok: true, gpu: Boolean(b && b.isUsingGpuDevice) }) + '\\n');
} catch (err) {
  process.stdout.write('\\n' + JSON.stringify({ ok: false, reason: String(err && err.message || err).split('\\n')[0] }) + '\\n');
}`;

function importInChild(entry: string): Promise<{ ok: true; gpu: boolean } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--input-type=module', '-e', CHILD_SCRIPT, pathToFileURL(entry).href], { timeout: NATIVE_LOAD_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      try {
        // its answer is the last line: whatever the package printed before it is not
        const answer = JSON.parse(stdout.trim().split('\n').pop() ?? '') as { ok: true; gpu: boolean } | { ok: false; reason: string };
        if (typeof answer.ok === 'boolean') return resolve(answer);
      } catch {
        // no answer: it crashed or hung (below)
      }
      const failed = err as (Error & { killed?: boolean; code?: unknown; signal?: unknown }) | null;
      if (failed?.killed === true) return resolve({ ok: false, reason: `its import did not finish within ${NATIVE_LOAD_TIMEOUT_MS / 1000} s` });
      // a native library that aborts or crashes the process says why on stderr, last
      const said = stderr.trim().split('\n').filter(Boolean).pop();
      const how = typeof failed?.signal === 'string' ? `was killed by ${failed.signal}` : typeof failed?.code === 'number' ? `exited with code ${failed.code}` : 'ended without answering';
      resolve({ ok: false, reason: `the Node that imported it ${how}${said ? ` (${said})` : ''}` });
    });
  });
}

/** The wasm package, and whether its threaded SIMD build can run here. */
function probeWasm(): { pkg: BackendPackage; threaded: boolean } {
  const name = WASM_PACKAGE;
  const found = findPackage(name, pipeRequire);
  if (found === undefined) return { pkg: { name, backend: 'wasm', installed: false, version: null, loadable: null, detail: 'not installed (a dependency of pipe: run `npm ci`)' }, threaded: false };
  const simd = validates(join(found.dir, 'wasm-out', 'tfjs-backend-wasm-simd.wasm'));
  const threaded = simd && validates(join(found.dir, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.wasm'));
  if (!simd) {
    // initWasmBackend would fall back to the plain build, one thread; pipe's own C kernels need SIMD
    return { pkg: { name, backend: 'wasm', installed: true, version: found.version, loadable: false, detail: `its SIMD build does not validate on Node ${process.version}, which pipe's training kernels need` }, threaded: false };
  }
  return { pkg: { name, backend: 'wasm', installed: true, version: found.version, loadable: true, detail: threaded ? 'loads (SIMD, threads)' : 'loads (SIMD, one thread: the threaded build does not validate here)' }, threaded };
}

// the tsconfig has no DOM lib, which declares the WebAssembly JS API: the one call used here
const WA = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;

function validates(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    return WA.validate(readFileSync(file));
  } catch {
    return false;
  }
}

interface TrainSettings {
  backend: string;
  threads: number;
  winograd: boolean;
  winogradTile: 2 | 4;
  from: string;
  problem: string | null;
}

/**
 * train.backend, train.threads, train.winograd and train.winograd_tile from the project's
 * params.yaml, each defaulting as src/ml/params/train.ts's schema does (auto, 0, false, 2). A value
 * that schema refuses is the problem the train stage would stop on.
 */
export function readTrainSettings(projectRoot: string | undefined): TrainSettings {
  const settings: TrainSettings = { backend: 'auto', threads: 0, winograd: false, winogradTile: 2, from: 'defaults (outside a project)', problem: null };
  if (projectRoot === undefined) return settings;
  let text: string;
  try {
    text = readFileSync(join(projectRoot, 'params.yaml'), 'utf8');
  } catch {
    return { ...settings, from: 'defaults (no params.yaml)' };
  }
  const parsed = parseYaml(text);
  if (!parsed.ok) return { ...settings, from: 'params.yaml', problem: `params.yaml:${parsed.line}:${parsed.col}: YAML syntax error: ${parsed.message}` };
  const data = parsed.value.toJS() as { train?: unknown } | null;
  const train = data !== null && typeof data === 'object' ? data.train : undefined;
  if (train === null || typeof train !== 'object' || Array.isArray(train)) return { ...settings, from: 'defaults (no train: section in params.yaml)' };
  settings.from = 'params.yaml';
  const t = train as Record<string, unknown>;
  const refuse = (key: string, wanted: string): TrainSettings => {
    const p = positionOf(parsed.value, ['train', key]);
    return { ...settings, problem: `params.yaml:${p.line}:${p.col}: train.${key} is ${JSON.stringify(t[key])}, not ${wanted}: the train stage will stop there` };
  };
  if (t.backend !== undefined) {
    if (typeof t.backend !== 'string' || !(BACKEND_CHOICES as readonly string[]).includes(t.backend)) return refuse('backend', `one of ${BACKEND_CHOICES.join(', ')}`);
    settings.backend = t.backend;
  }
  if (t.threads !== undefined) {
    if (typeof t.threads !== 'number' || !Number.isInteger(t.threads) || t.threads < 0 || t.threads > MAX_THREADS_SETTING) return refuse('threads', `a whole number from 0 to ${MAX_THREADS_SETTING}`);
    settings.threads = t.threads;
  }
  if (t.winograd !== undefined) {
    if (typeof t.winograd !== 'boolean') return refuse('winograd', 'true or false');
    settings.winograd = t.winograd;
  }
  if (t.winograd_tile !== undefined) {
    if (t.winograd_tile !== 2 && t.winograd_tile !== 4) return refuse('winograd_tile', '2 or 4');
    settings.winogradTile = t.winograd_tile;
  }
  return settings;
}

/** The backend selectBackend would start with these packages and settings. */
export function trainBackend(packages: BackendPackage[], settings: TrainSettings, wasmThreaded: boolean): TrainBackend {
  const base = { setting: settings.backend, threadsSetting: settings.threads, from: settings.from, winograd: false, winogradTile: 2 as const };
  if (settings.problem !== null) return { ...base, backend: null, threads: 0, skipped: [], problem: settings.problem };
  const order: readonly string[] = settings.backend === 'auto' ? AUTO_ORDER : [settings.backend];
  const skipped: string[] = [];
  for (const candidate of order) {
    const pkg = packages.find((p) => p.backend === candidate);
    if (candidate === 'cpu') return { ...base, backend: 'cpu', threads: 1, skipped, problem: null };
    if (pkg?.loadable === true) {
      if (candidate !== 'wasm') return { ...base, backend: candidate, threads: 0, skipped, problem: null };
      const requested = settings.threads > 0 ? settings.threads : os.cpus().length;
      const threads = wasmThreaded && requested > 1 ? Math.min(requested, WASM_MAX_THREADS) : 1;
      // as selectBackend: Winograd is a wasm kernel, and its tile means nothing without it
      return { ...base, backend: 'wasm', threads, winograd: settings.winograd, winogradTile: settings.winograd ? settings.winogradTile : 2, skipped, problem: null };
    }
    skipped.push(`${candidate}: ${pkg === undefined ? 'unknown' : pkg.installed ? `${pkg.name} ${pkg.detail}` : `${pkg.name} is not installed`}`);
  }
  return {
    ...base,
    backend: null,
    threads: 0,
    skipped,
    problem: `train.backend is '${settings.backend}' but it cannot be used (${skipped.join('; ')}): the train stage will stop; install it or set train.backend: auto in params.yaml`,
  };
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}
