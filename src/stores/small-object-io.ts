// Synchronous I/O for small cache objects (most of a folder of data files): one open, fstat, read
// and close per file instead of ~10 fs.promises round trips through the thread pool, whose
// promises and buffers cost more CPU and garbage than the bytes (BENCHMARKS.md, "Storing many
// small files"). Files over SMALL_OBJECT bytes keep the streaming, chunked async path.
import fs from 'node:fs';
import path from 'node:path';
import { tempPathFor } from './atomic.js';
import { isNotFound } from './hash-path.js';

/** Files up to this size are read whole, synchronously, into one reused buffer. */
export const SMALL_OBJECT = 1 << 20;

let scratch: Buffer | undefined;

/**
 * The bytes of `abs` if it holds at most SMALL_OBJECT bytes (a view of a shared buffer: valid only
 * until the next call, so use it before any await), 'large' for a bigger file, or undefined if it
 * does not exist. A file that grows past the limit while it is read counts as large.
 */
export function readSmallSync(abs: string): Buffer | 'large' | undefined {
  let fd: number;
  try {
    fd = fs.openSync(abs, 'r');
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
  try {
    if (fs.fstatSync(fd).size > SMALL_OBJECT) return 'large';
    scratch ??= Buffer.allocUnsafe(SMALL_OBJECT + 1);
    let n = 0;
    for (;;) {
      const got = fs.readSync(fd, scratch, n, SMALL_OBJECT + 1 - n, null);
      if (got === 0) break;
      n += got;
      if (n > SMALL_OBJECT) return 'large';
    }
    return scratch.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Folders this process made or saw made (the 256 object shards, a restore's subfolders), so each
 * is created once, not once per file. A folder can vanish behind the memo (`pipe gc` removes empty
 * shards): writers that find it gone (ENOENT) forget it and create it again (writeFileInSync).
 */
const knownDirs = new Set<string>();

export function ensureDirSync(dir: string): void {
  if (knownDirs.has(dir)) return;
  fs.mkdirSync(dir, { recursive: true });
  knownDirs.add(dir);
}

/** Creates `dir` again after it was found gone. */
export function recreateDirSync(dir: string): void {
  knownDirs.delete(dir);
  ensureDirSync(dir);
}

/**
 * Writes `data` to `dest` through a temp file in the same folder (`.tmp-<name>-<pid>-<hex>`, what
 * `pipe gc` sweeps once its writer is gone) renamed over it, so `dest` appears only complete.
 * Creates the folder when missing, also when it was removed since the memo saw it.
 */
export function writeFileInSync(dest: string, data: Uint8Array, mode?: number): void {
  const dir = path.dirname(dest);
  ensureDirSync(dir);
  const tmp = tempPathFor(dest);
  let fd: number;
  try {
    fd = fs.openSync(tmp, 'wx', mode);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    recreateDirSync(dir); // removed meanwhile (gc of an empty shard): once more
    fd = fs.openSync(tmp, 'wx', mode);
  }
  try {
    try {
      let off = 0;
      while (off < data.length) off += fs.writeSync(fd, data, off, data.length - off);
    } finally {
      fs.closeSync(fd);
    }
    // the temp file keeps the folder from being removed as empty: the rename finds it there
    fs.renameSync(tmp, dest);
  } catch (err) {
    fs.rmSync(tmp, { force: true }); // e.g. disk full: leave no half copy behind
    throw err;
  }
}

/** Lets timers, signals and I/O callbacks run during a long synchronous loop. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
