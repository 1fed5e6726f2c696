// Listing a directory tree for hashing: every regular file's name, size, mtime and inode, one
// directory at a time. This is all a warm no-op does for a 36k-file dep, so it is kept lean:
// plain-name readdir, one stat per entry read as bare numbers (stat-numbers.ts), per-directory
// arrays instead of per-file objects. It imports nothing but node:fs, stat-numbers.ts and
// exec-bit.ts, because
// the scan worker (scan-worker.ts) runs the same code on the second core. A filter (the project's
// .pipeignore, walk-filter.ts) keeps the walk out of ignored directories; ignored files are still
// listed, and left out by the hasher only when the listing's signature changed (hash-path.ts), so
// a warm no-op matches one path per directory, not one per file.
import fs from 'node:fs';
import { newStatBuffer, S_IFDIR, S_IFMT, S_IFREG, statNumbers, type StatBuffer } from './stat-numbers.js';
import { isExecMode } from './exec-bit.js';

/** One directory's regular files: names, and [size, mtimeMs, ino] per name. */
export interface ScannedDir {
  /** Relative to the walked root, `/`-separated; '' for the root. */
  rel: string;
  abs: string;
  names: string[];
  nums: Float64Array;
  /** Positions in `names` of the executable files (exec-bit.ts), ascending; mostly empty. */
  exec: number[];
  /**
   * Some file here has other hard links (nlink > 1): it can be changed through a path outside
   * the walked folder, which a watch on the folder does not see (watch-protocol.ts)
   */
  linked: boolean;
  /**
   * Where the directory stands in a depth-first walk that visits subdirectories in readdir
   * order: its position among its parent's subdirectories, then the parent's key, up to the
   * root ([] for the root). Sorting by key (sortScanned) gives that walk's order however the
   * directories were gathered, so a scan split between threads lists exactly what one thread
   * would have.
   */
  key: number[];
}

/** What a walk leaves out (.pipeignore): `rel` is relative to the walked root, `/`-separated. */
export interface ScanFilter {
  ignores(rel: string, isDir: boolean): boolean;
}

/** A subdirectory still to scan: where it is, and the `dev:ino` ids of it and its ancestors. */
export interface ScanTask {
  abs: string;
  rel: string;
  key: number[];
  /** `dev:ino` of every directory from the root down to this one (this one last) */
  ids: string[];
}

/**
 * Scans one directory: its regular files go into the result, its subdirectories (symlinks
 * followed, a link back to an ancestor skipped) come back as tasks, in readdir order. A
 * subdirectory `filter` ignores is left out, with everything below it.
 */
export function scanOne(task: ScanTask, st: StatBuffer = newStatBuffer(), filter?: ScanFilter): { dir: ScannedDir; subdirs: ScanTask[] } {
  const { abs, rel } = task;
  const entries = fs.readdirSync(abs);
  const names: string[] = [];
  const nums = new Float64Array(entries.length * 3);
  const subdirs: ScanTask[] = [];
  const exec: number[] = [];
  let k = 0;
  let linked = false;
  for (const name of entries) {
    // dangling symlink, or deleted meanwhile: not content
    if (!statNumbers(`${abs}/${name}`, st)) continue;
    const kind = (st[0] as number) & S_IFMT;
    if (kind === S_IFDIR) {
      if (filter !== undefined && filter.ignores(rel === '' ? name : `${rel}/${name}`, true)) continue;
      const childId = `${st[4]}:${st[3]}`;
      if (!task.ids.includes(childId)) {
        subdirs.push({
          abs: `${abs}/${name}`,
          rel: rel === '' ? name : `${rel}/${name}`,
          key: [...task.key, subdirs.length],
          ids: [...task.ids, childId],
        });
      } // else a symlink loop
    } else if (kind === S_IFREG) {
      if (isExecMode(st[0] as number)) exec.push(names.length);
      names.push(name);
      if ((st[5] as number) > 1) linked = true;
      nums[k++] = st[1] as number;
      nums[k++] = st[2] as number;
      nums[k++] = st[3] as number;
    }
    // sockets, fifos: not content
  }
  return { dir: { rel, abs, names, nums: nums.subarray(0, k), exec, key: task.key, linked }, subdirs };
}

/** Scans `task`'s directory and everything below it, appending to `out` (in walk order). */
export function scanSubtree(task: ScanTask, out: ScannedDir[], st: StatBuffer = newStatBuffer(), filter?: ScanFilter): void {
  const { dir, subdirs } = scanOne(task, st, filter);
  out.push(dir);
  for (const sub of subdirs) scanSubtree(sub, out, st, filter);
}

/** The task for the root of a walk. */
export function rootTask(rootAbs: string): ScanTask {
  const root = fs.statSync(rootAbs);
  return { abs: rootAbs, rel: '', key: [], ids: [`${root.dev}:${root.ino}`] };
}

/** Depth-first order: a directory before its subdirectories, siblings in readdir order. */
export function compareKeys(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function sortScanned(dirs: ScannedDir[]): ScannedDir[] {
  return dirs.sort((a, b) => compareKeys(a.key, b.key));
}
