// Runs our kernels' loops (heap-tasks.ts: JavaScript, or calls into the native SIMD modules of
// native.ts, which every thread instantiates in the backend's memory) on every core. The
// threaded wasm build keeps its heap in shared memory, so worker threads can read and write
// tensors in place; XNNPACK's own threads sit idle while one of our kernels runs, which left one
// of two cores unused for about a fifth of a training step (batch-norm gradient, Sum/Mean,
// MaxPoolGrad).
//
// One call = one task cut into a fixed number of chunks. The calling thread and the workers claim
// chunks from a shared ticket counter until none is left, and the caller then waits for the chunks
// the workers took. Chunk counts depend only on the shapes, and partial results are combined in
// chunk order, so every result is bit-identical whatever the number of threads (1 included: the
// single-threaded build, whose heap is not shared, runs every chunk on the calling thread).
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { getThreadsCount, type BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { HEAP_TASKS } from './heap-tasks.js';
import { instantiateNative, isWasmMemory, nativeModules, type NativeKernels } from './native.js';

// Control block (Int32 slots). Tickets and completions only ever grow, and a call is posted only
// when the previous one is complete, so a worker that wakes late (or reads a mix of two calls'
// slots) finds the ticket at or past the END it read and takes nothing: a chunk is claimed by a
// compare-exchange of the ticket below END.
const GEN = 0; // bumped for each call: wakes the workers
const TICKET = 1; // next chunk ticket
const END = 2; // first ticket after the current call's chunks
const DONE = 3; // chunk tickets completed
const TASK = 4; // task id of the current call
const FIRST = 5; // ticket of the current call's chunk 0
const FAILED = 6; // 1 when a worker's chunk threw (a bug): the caller rethrows
const SCRATCH_GEN = 7; // bumped when the scratch buffer is replaced (posted on each worker's port)
const STOP = 8;
const WORKER_CHUNKS = 9; // chunks the workers ran, all calls together (a statistic for tests)
const CONTROL_INTS = 16;
const MAX_ARGS = 32; // float64 task arguments, after the control ints

/** The part of WebAssembly.Memory used here (its buffer is re-read: the heap can grow). */
interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}

const WORKER_SOURCE = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const { control, memory, port, taskSources, native: nativeModules } = workerData;
// The project's native kernels, instantiated in the backend's memory (as native.ts does).
const native = nativeModules === undefined ? undefined : Object.assign({}, ...nativeModules.map((m) => new WebAssembly.Instance(m, { env: { memory } }).exports));
const ctrl = new Int32Array(control, 0, ${CONTROL_INTS});
const args = new Float64Array(control, ${CONTROL_INTS * 4}, ${MAX_ARGS});
var __name = (f) => f; // esbuild's keepNames helper, in case a task's text refers to it
const tasks = taskSources.map((src) => (0, eval)('(' + src + ')'));
let scratch = new Float64Array(0);
let scratchGen = -1;
let heap = new Float32Array(memory.buffer);
let seen = 0; // not the current value: a call posted while this worker was starting must still wake it
for (;;) {
  Atomics.wait(ctrl, ${GEN}, seen);
  seen = Atomics.load(ctrl, ${GEN});
  if (Atomics.load(ctrl, ${STOP}) === 1) break;
  const end = Atomics.load(ctrl, ${END});
  const first = Atomics.load(ctrl, ${FIRST});
  const task = tasks[Atomics.load(ctrl, ${TASK})];
  const a = Float64Array.from(args);
  for (;;) {
    const t = Atomics.load(ctrl, ${TICKET});
    if (t >= end || t < first) break;
    if (Atomics.compareExchange(ctrl, ${TICKET}, t, t + 1) !== t) continue;
    const wantScratch = Atomics.load(ctrl, ${SCRATCH_GEN});
    while (scratchGen !== wantScratch) {
      const m = receiveMessageOnPort(port);
      if (m !== undefined) { scratch = new Float64Array(m.message.buffer); scratchGen = m.message.gen; }
    }
    if (heap.buffer.byteLength !== memory.buffer.byteLength) heap = new Float32Array(memory.buffer);
    try { task(heap, scratch, a, t - first, native); } catch (e) { Atomics.store(ctrl, ${FAILED}, 1); }
    Atomics.add(ctrl, ${WORKER_CHUNKS}, 1);
    if (Atomics.add(ctrl, ${DONE}, 1) + 1 === end) Atomics.notify(ctrl, ${DONE});
  }
}
`;

export class HeapPool {
  private readonly control = new SharedArrayBuffer(CONTROL_INTS * 4 + MAX_ARGS * 8);
  private readonly ctrl = new Int32Array(this.control, 0, CONTROL_INTS);
  private readonly args = new Float64Array(this.control, CONTROL_INTS * 4, MAX_ARGS);
  private readonly ports: MessagePort[] = [];
  private readonly workers: Worker[] = [];
  private scratchBuffer = new SharedArrayBuffer(8 * 4096);
  /** This thread's instance of the native kernels (absent when the heap is not a WebAssembly.Memory). */
  private readonly instance: NativeKernels | undefined;

  /**
   * `threads` counts the calling thread: threads − 1 workers are started (none when 1).
   * `callerClaims: false` leaves every chunk of a multi-chunk call to the workers (tests).
   */
  constructor(
    private readonly memory: WasmMemory,
    readonly threads: number,
    private readonly callerClaims = true,
  ) {
    const taskSources = HEAP_TASKS.map((f) => f.toString());
    const native = isWasmMemory(memory) ? nativeModules(memory) : undefined;
    this.instance = native === undefined ? undefined : instantiateNative(native, memory);
    for (let i = 1; i < threads; i++) {
      const { port1, port2 } = new MessageChannel();
      const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { control: this.control, memory, port: port2, taskSources, native }, transferList: [port2] });
      w.unref(); // an idle pool must not keep the process alive
      this.workers.push(w);
      this.ports.push(port1);
    }
    this.postScratch();
  }

  /**
   * The native kernels, for kernels choosing between those and their JavaScript (or XNNPACK)
   * path; undefined where the heap cannot have them, or while tests switch them off.
   */
  get native(): NativeKernels | undefined {
    return nativeOn ? this.instance : undefined;
  }

  /** Float64 scratch of at least n values, shared with the workers (contents not kept on growth). */
  scratch(n: number): Float64Array {
    if (this.scratchBuffer.byteLength < n * 8) {
      this.scratchBuffer = new SharedArrayBuffer(Math.max(n, 2 * (this.scratchBuffer.byteLength / 8)) * 8);
      this.postScratch();
    }
    return new Float64Array(this.scratchBuffer);
  }

  /** The wasm heap as float32 (fresh view: the heap may have grown since the last call). */
  heap(): Float32Array {
    return new Float32Array(this.memory.buffer);
  }

  /** Runs chunks 0..chunks−1 of task `task` with `args`, on every thread; returns when all are done. */
  run(task: number, args: readonly number[], chunks: number): void {
    const fn = HEAP_TASKS[task];
    if (fn === undefined || args.length > MAX_ARGS) throw new Error(`bug: heap task ${task} with ${args.length} args`);
    const heap = this.heap();
    const scratch = new Float64Array(this.scratchBuffer);
    const a = Float64Array.from(args);
    if (this.workers.length === 0 || chunks === 1) {
      for (let k = 0; k < chunks; k++) fn(heap, scratch, a, k, this.instance);
      return;
    }
    const first = Atomics.load(this.ctrl, TICKET);
    const end = first + chunks;
    this.args.set(a);
    Atomics.store(this.ctrl, TASK, task);
    Atomics.store(this.ctrl, FIRST, first);
    Atomics.store(this.ctrl, END, end);
    Atomics.add(this.ctrl, GEN, 1);
    Atomics.notify(this.ctrl, GEN);
    // A chunk that throws here still counts as done, and the rest of the call is still waited
    // for: otherwise DONE would fall behind the tickets and every later call would wait forever.
    let thrown: { error: unknown } | undefined;
    while (this.callerClaims) {
      const t = Atomics.load(this.ctrl, TICKET);
      if (t >= end) break;
      if (Atomics.compareExchange(this.ctrl, TICKET, t, t + 1) !== t) continue;
      try {
        if (thrown === undefined) fn(heap, scratch, a, t - first, this.instance);
      } catch (error) {
        thrown = { error };
      } finally {
        Atomics.add(this.ctrl, DONE, 1);
      }
    }
    for (let d = Atomics.load(this.ctrl, DONE); d < end; d = Atomics.load(this.ctrl, DONE)) Atomics.wait(this.ctrl, DONE, d);
    const workerFailed = Atomics.exchange(this.ctrl, FAILED, 0) !== 0;
    if (thrown !== undefined) throw thrown.error;
    if (workerFailed) throw new Error(`bug: heap task ${fn.name} failed in a worker thread`);
  }

  /** How many chunks the worker threads have run so far. */
  workerChunks(): number {
    return Atomics.load(this.ctrl, WORKER_CHUNKS);
  }

  /** Ends the workers (tests; a process's pool otherwise lives as long as its backend). */
  close(): void {
    Atomics.store(this.ctrl, STOP, 1);
    Atomics.add(this.ctrl, GEN, 1);
    Atomics.notify(this.ctrl, GEN);
    for (const p of this.ports) p.close();
  }

  private postScratch(): void {
    const gen = Atomics.add(this.ctrl, SCRATCH_GEN, 1) + 1;
    for (const p of this.ports) p.postMessage({ buffer: this.scratchBuffer, gen });
  }
}

/**
 * Chunks for `work` element-operations: about 64k each (256 KB of float32, which stays in cache
 * while a task makes several passes over it), at most `max`; the same for any thread count.
 */
export function chunksFor(work: number, max = 256): number {
  return Math.max(1, Math.min(max, Math.ceil(work / 65536)));
}

let nativeOn = true;

/**
 * Tests: false sends every kernel that has a native version down the path it replaced (a
 * JavaScript task, or XNNPACK on transposed data), to compare the two results bit for bit.
 */
export function useNativeKernels(on: boolean): void {
  nativeOn = on;
}

const pools = new WeakMap<BackendWasm, HeapPool>();
let settings: { threads?: number; callerClaims?: boolean } = {};

/**
 * For pools created from now on: at most `threads` threads (undefined: as many as the wasm
 * backend's XNNPACK threads), and whether the calling thread takes chunks too (default true).
 * Tests compare 1 thread against N, and make the workers do the work; results must not change.
 */
export function configureHeapPool(options: { threads?: number; callerClaims?: boolean }): void {
  settings = { ...options };
}

/** The pool of this backend: one thread per wasm thread when the heap is shared, else just the caller. */
export function heapPool(backend: BackendWasm): HeapPool {
  let pool = pools.get(backend);
  if (pool === undefined) {
    const wasmThreads = getThreadsCount();
    // The threaded build exposes its (shared) WebAssembly.Memory, which workers can be given;
    // the single-threaded one exports its memory from the module (`asm.memory`). Failing both,
    // the views, refreshed by Emscripten when the heap grows (no native kernels then).
    const wasm = backend.wasm as unknown as { wasmMemory?: WasmMemory; asm?: { memory?: unknown }; HEAPU8: Uint8Array };
    const exported = isWasmMemory(wasm.asm?.memory) ? wasm.asm.memory : undefined;
    const memory: WasmMemory = wasm.wasmMemory ?? exported ?? { get buffer() { return wasm.HEAPU8.buffer; } };
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const threads = shared ? Math.max(1, Math.min(wasmThreads, settings.threads ?? wasmThreads)) : 1;
    pool = new HeapPool(memory, threads, settings.callerClaims ?? true);
    pools.set(backend, pool);
  }
  return pool;
}

/** Drops (and stops) the backend's pool, so the next heapPool() call starts one afresh. */
export function resetHeapPool(backend: BackendWasm): void {
  pools.get(backend)?.close();
  pools.delete(backend);
}
