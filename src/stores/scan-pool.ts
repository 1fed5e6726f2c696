// Splits a directory walk between the main thread and one worker thread, so a warm no-op on a
// large dep uses both cores: on FER2013 the walk (35,887 stats and readdirs) is most of a warm
// `pipe status`, and the main thread has nothing else to do meanwhile.
//
// Protocol, one walk at a time (the walk is synchronous on the main thread):
//   1. the main thread lists the top of the tree itself until it has enough subtrees to share
//      (FER2013: the root, train/ and test/, giving 14 class folders);
//   2. it posts the subtrees to the worker with a fresh shared Int32Array, and both claim
//      subtrees from its counter (Atomics.add) until none are left, so whichever thread is
//      ahead takes more, and a worker still starting up simply gets fewer (or none);
//   3. if the worker claimed any, the main thread blocks on the done flag (Atomics.wait), then
//      takes the reply from its port synchronously (receiveMessageOnPort).
// The result, sorted into walk order (scan-tree.ts: sortScanned), is exactly what one thread
// would have listed. Whatever goes wrong on the worker side (an error while scanning, a crashed
// or hung worker), the main thread scans the worker's subtrees again itself: the same result,
// or the same error, as without the worker.
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { CTL_DONE, CTL_NEXT, CTL_SLOTS } from './scan-protocol.js';
import { newStatBuffer } from './stat-numbers.js';
import { rootTask, scanOne, scanSubtree, sortScanned, type ScannedDir, type ScanTask } from './scan-tree.js';
import type { FilterSpec, WalkFilter } from './walk-filter.js';

export interface ScanRequest {
  id: number;
  tasks: ScanTask[];
  ctl: SharedArrayBuffer;
  /** the walk's .pipeignore filter, rebuilt by the worker (walk-filter.ts); absent: none */
  ignore?: FilterSpec;
}

/** What the worker sends back: the tasks it claimed and their directories (names \0-joined). */
export interface ScanReply {
  id: number;
  ok: boolean;
  claimed: number[];
  dirs: { rel: string; abs: string; key: number[]; names: string; nums: Float64Array; exec: number[]; linked: boolean }[];
}

/** Share the walk once the top of the tree has this many subtrees (fewer: expand a level). */
const MIN_SHARED_TASKS = 8;
/** How deep the main thread looks for subtrees to share before it just scans alone. */
const MAX_EXPAND_LEVELS = 3;
/** A worker that has not answered in this long is given up on for this walk. */
const REPLY_TIMEOUT_MS = 30_000;

export interface ScanPoolOptions {
  /**
   * false: the main thread claims no subtrees and waits for the worker to scan them all (tests
   * use it to exercise the worker's side deterministically). Default true.
   */
  mainThreadClaims?: boolean;
}

export class ScanPool {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly mainThreadClaims: boolean;
  private nextId = 1;
  /** How many walks took a listing from the worker's reply (tests check the worker's side with it). */
  workerReplies = 0;

  /** `script`: the compiled scan-worker.js. */
  constructor(script: string | URL, options: ScanPoolOptions = {}) {
    this.mainThreadClaims = options.mainThreadClaims ?? true;
    const { port1, port2 } = new MessageChannel();
    this.worker = new Worker(script, { workerData: { port: port2 }, transferList: [port2] });
    // The pool never keeps the process alive: a finished command exits even while the worker
    // is idle (or still starting).
    this.worker.unref();
    this.worker.on('error', () => {}); // a worker crash only costs the speed-up (see above)
    this.port = port1;
  }

  /**
   * Every directory below `rootAbs` (see scan-tree.ts), in walk order; `filter`: the folders to
   * leave out (.pipeignore), with the spec the worker rebuilds it from.
   */
  scan(rootAbs: string, filter?: WalkFilter): ScannedDir[] {
    const st = newStatBuffer();
    const dirs: ScannedDir[] = [];
    let frontier: ScanTask[] = [rootTask(rootAbs)];
    for (let level = 0; level < MAX_EXPAND_LEVELS && frontier.length > 0 && frontier.length < MIN_SHARED_TASKS; level++) {
      const next: ScanTask[] = [];
      for (const task of frontier) {
        const { dir, subdirs } = scanOne(task, st, filter);
        dirs.push(dir);
        next.push(...subdirs);
      }
      frontier = next;
    }
    if (frontier.length < 2) {
      for (const task of frontier) scanSubtree(task, dirs, st, filter);
    } else {
      this.share(frontier, dirs, filter);
    }
    return sortScanned(dirs);
  }

  private share(tasks: ScanTask[], dirs: ScannedDir[], filter: WalkFilter | undefined): void {
    const id = this.nextId++;
    const ctl = new Int32Array(new SharedArrayBuffer(CTL_SLOTS * Int32Array.BYTES_PER_ELEMENT));
    const request: ScanRequest = { id, tasks, ctl: ctl.buffer as SharedArrayBuffer, ...(filter ? { ignore: filter.spec } : {}) };
    this.port.postMessage(request);
    const mine = new Set<number>();
    while (this.mainThreadClaims) {
      const i = Atomics.add(ctl, CTL_NEXT, 1);
      if (i >= tasks.length) break;
      mine.add(i);
      scanSubtree(tasks[i]!, dirs, undefined, filter);
    }
    if (mine.size === tasks.length) return; // the worker got none (it may not even be up yet)
    const reply = this.awaitReply(id, ctl);
    if (reply?.ok) {
      this.workerReplies++;
      for (const d of reply.dirs) {
        dirs.push({ rel: d.rel, abs: d.abs, key: d.key, names: d.names === '' ? [] : d.names.split('\0'), nums: d.nums, exec: d.exec, linked: d.linked });
      }
      return;
    }
    // no usable reply: scan what the worker claimed here (the same listing, or the same error)
    for (let i = 0; i < tasks.length; i++) if (!mine.has(i)) scanSubtree(tasks[i]!, dirs, undefined, filter);
  }

  private awaitReply(id: number, ctl: Int32Array): ScanReply | undefined {
    const deadline = Date.now() + REPLY_TIMEOUT_MS;
    while (Atomics.load(ctl, CTL_DONE) !== 1) {
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      Atomics.wait(ctl, CTL_DONE, 0, left);
    }
    for (;;) {
      const got = receiveMessageOnPort(this.port);
      if (got === undefined) return undefined;
      const reply = got.message as ScanReply;
      if (reply.id === id) return reply; // older replies: walks that did not wait for them
    }
  }
}

let shared: ScanPool | null | undefined;

/**
 * The pool to walk with, given the most files a folder of this project had last time: the
 * process's shared pool when PIPE_SCAN_WORKER asks for it, or (unset) when that folder reached
 * `minFiles`; else undefined (walk alone).
 */
export function scanPoolFor(largestFolderFiles: number, minFiles: number): ScanPool | undefined {
  const setting = scanWorkerSetting();
  if (setting === 'off' || (setting === 'auto' && largestFolderFiles < minFiles)) return undefined;
  return sharedScanPool();
}

/**
 * PIPE_SCAN_WORKER: `0` never shares a walk; `1` shares every walk, whatever its size; `worker`
 * shares every walk and leaves all the shared subtrees to the worker (tests use it to check the
 * worker's side through the real CLI); unset or anything else: the Hasher decides by folder size.
 */
export function scanWorkerSetting(): 'off' | 'on' | 'worker' | 'auto' {
  const v = process.env.PIPE_SCAN_WORKER;
  return v === '0' ? 'off' : v === '1' ? 'on' : v === 'worker' ? 'worker' : 'auto';
}

/**
 * The process's scan pool, started on first use; undefined on a single-core machine, with
 * PIPE_SCAN_WORKER=0, or when the compiled worker script is not next to this module (running
 * from TypeScript sources, as the unit tests do): then walks run on the main thread alone.
 */
export function sharedScanPool(): ScanPool | undefined {
  if (shared === undefined) shared = createPool() ?? null;
  return shared ?? undefined;
}

function createPool(): ScanPool | undefined {
  if (scanWorkerSetting() === 'off' || os.availableParallelism() < 2) return undefined;
  const script = new URL('./scan-worker.js', import.meta.url);
  if (script.protocol !== 'file:' || !fs.existsSync(fileURLToPath(script))) return undefined;
  try {
    return new ScanPool(script, { mainThreadClaims: scanWorkerSetting() !== 'worker' });
  } catch {
    return undefined;
  }
}
