// Makes the threaded SIMD build of @tensorflow/tfjs-backend-wasm start in Node.
//
// The package switches threads off in Node (WASM_HAS_MULTITHREAD_SUPPORT is false there) because
// its Emscripten glue starts each pthread worker from a `blob:` URL, which Node's worker_threads
// refuses (ERR_WORKER_PATH), and hands the worker the main script as a Blob it cannot import.
// We turn the flag on and, while the backend initialises, give the glue a Worker class that
// starts the pool's workers from the worker source with `eval: true` and replaces the Blob in
// their `load` message with the file path of the threaded module. Workers are unref'd so the
// pool does not keep the process alive.
import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker as NodeWorker, type WorkerOptions } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const WASM_OUT = '@tensorflow/tfjs-backend-wasm/wasm-out/';

/** The pthread worker's source; its "\n" escapes become real newlines in the JS string, so re-escape them. */
function workerSource(): string {
  const mod = require(`${WASM_OUT}tfjs-backend-wasm-threaded-simd.worker.js`) as { wasmWorkerContents: string };
  return mod.wasmWorkerContents.replace(/\n/g, '\\n');
}

interface PthreadWorkerClass {
  Worker: typeof NodeWorker;
  /** From now on pool workers (existing and future) are unref'd. */
  release(): void;
}

function makePthreadWorkerClass(): PthreadWorkerClass {
  const source = workerSource();
  const threadedModulePath = require.resolve(`${WASM_OUT}tfjs-backend-wasm-threaded-simd.js`);
  const pool = new Set<NodeWorker>();
  let released = false;
  class PthreadWorker extends NodeWorker {
    constructor(filename: string | URL, options?: WorkerOptions) {
      const fromBlob = typeof filename === 'string' && filename.startsWith('blob:');
      super(fromBlob ? source : filename, fromBlob ? { ...options, eval: true } : options);
      if (fromBlob) pool.add(this);
    }
    // Adding a 'message' listener refs the worker's port again: unref after each subscription
    // once released. Until then the pool must stay ref'd: init awaits the workers' 'loaded'.
    override on(event: string | symbol, listener: (...args: any[]) => void): this {
      super.on(event, listener);
      if (released && pool.has(this)) this.unref();
      return this;
    }
    override postMessage(message: unknown, transferList?: Parameters<NodeWorker['postMessage']>[1]): void {
      const m = message as { cmd?: unknown; urlOrBlob?: unknown } | null;
      if (m !== null && typeof m === 'object' && m.cmd === 'load' && typeof m.urlOrBlob !== 'string') {
        super.postMessage({ ...m, urlOrBlob: threadedModulePath }, transferList);
        return;
      }
      super.postMessage(message, transferList);
    }
  }
  return {
    Worker: PthreadWorker,
    release() {
      released = true;
      for (const w of pool) w.unref();
    },
  };
}

/**
 * Runs `init` (which must create the wasm backend) with the pthread worker shim in place.
 * The Emscripten glue assigns `globalThis.Worker` itself during init, so the shim is installed
 * as an accessor that keeps returning our class; it stays installed afterwards because the
 * glue also creates workers lazily when its pool runs dry.
 *
 * XNNPACK sizes its pool from the logical core count it sees (halved, capped at 8 by the C++
 * side), so while initialising we report `2 × threads` cores to get exactly `threads` threads.
 */
export async function withPthreadWorkers<T>(threads: number, init: () => Promise<T>): Promise<T> {
  const shim = makePthreadWorkerClass();
  Object.defineProperty(globalThis, 'Worker', {
    configurable: true,
    get: () => shim.Worker,
    set: () => undefined,
  });
  const realCpus = os.cpus;
  const cpus = realCpus();
  os.cpus = () => Array.from({ length: 2 * threads }, (_, i) => cpus[i % Math.max(1, cpus.length)]!);
  try {
    const result = await init();
    shim.release();
    return result;
  } finally {
    os.cpus = realCpus;
  }
}
