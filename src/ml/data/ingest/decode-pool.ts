// Decodes many image files, in parallel when it pays: JPEG decoding (jpeg-js, pure JS) is
// the whole cost of ingesting FER2013's 35,887 files, and it splits cleanly by file. Each
// worker takes a contiguous run of files and writes pixels straight into a SharedArrayBuffer,
// so nothing is copied back. Small inputs (tests, `ingest.limit`) stay in the main thread,
// where starting workers would cost more than it saves; a worker that cannot start (e.g. no
// TypeScript loader in this process, as inside vitest) falls back to the main thread.
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PIXELS_PER_IMAGE } from '../dataset.js';
import { decodeFile, type FileOutcome } from './decode-file.js';

/** below this many files one thread is faster than starting workers */
const PARALLEL_MIN_FILES = 3000;
const MAX_WORKERS = 4;

export interface PoolResult {
  /** paths.length slots of 2304 bytes; a failed file's slot is garbage */
  pixels: Uint8Array;
  outcomes: FileOutcome[];
  /** how many threads decoded */
  threads: number;
  /** how many of those were workers that ran (the rest fell back to the main thread) */
  workersRan: number;
}

export interface PoolOptions {
  /** threads to use at most (default: the CPUs this process may use, at most 4) */
  threads?: number;
  /** fewer files than this are decoded in the main thread (default 3000) */
  minFilesForWorkers?: number;
  /** the worker module (default ./decode-worker); tests point it elsewhere to see the fallback */
  workerModule?: URL;
}

function decodeInThread(paths: string[], pixels: Uint8Array, first: number): FileOutcome[] {
  return paths.map((p, k) => decodeFile(p, pixels.subarray((first + k) * PIXELS_PER_IMAGE, (first + k + 1) * PIXELS_PER_IMAGE)));
}

/**
 * A worker running decode-worker. From dist/ that is plain JS. Under tsx (how stages run) it
 * is a .ts file, and Node 20 does not pass the main thread's loader hooks on to workers, so
 * the worker is started with a one-line script that loads it through tsx's tsImport.
 */
function startWorker(url: URL, workerData: unknown): Worker {
  if (extname(fileURLToPath(url)) !== '.ts') return new Worker(url, { workerData });
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`;
  return new Worker(code, { eval: true, workerData });
}

function runWorker(url: URL, paths: string[], first: number, shared: SharedArrayBuffer): Promise<FileOutcome[] | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (v: FileOutcome[] | undefined): void => {
      if (!settled) {
        settled = true;
        resolve(v);
      }
    };
    let worker: Worker;
    try {
      worker = startWorker(url, { paths, first, pixels: shared });
    } catch {
      done(undefined);
      return;
    }
    worker.once('message', (m: FileOutcome[]) => done(m));
    worker.once('error', () => done(undefined));
    worker.once('exit', () => done(undefined));
  });
}

export async function decodeFiles(paths: string[], opts: PoolOptions = {}): Promise<PoolResult> {
  const n = paths.length;
  const workers = Math.min(MAX_WORKERS, Math.max(1, opts.threads ?? availableParallelism()));
  if (workers === 1 || n < (opts.minFilesForWorkers ?? PARALLEL_MIN_FILES)) {
    const pixels = new Uint8Array(n * PIXELS_PER_IMAGE);
    return { pixels, outcomes: decodeInThread(paths, pixels, 0), threads: 1, workersRan: 0 };
  }
  const shared = new SharedArrayBuffer(n * PIXELS_PER_IMAGE);
  const pixels = new Uint8Array(shared);
  const chunk = Math.ceil(n / workers);
  const starts = Array.from({ length: workers }, (_, w) => w * chunk).filter((s) => s < n);
  const url = opts.workerModule ?? new URL(`./decode-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  let workersRan = 0;
  const parts = await Promise.all(
    starts.map(async (s) => {
      const slice = paths.slice(s, s + chunk);
      const fromWorker = await runWorker(url, slice, s, shared);
      if (fromWorker !== undefined) workersRan++;
      return fromWorker ?? decodeInThread(slice, pixels, s);
    }),
  );
  return { pixels, outcomes: parts.flat(), threads: starts.length, workersRan };
}
