// The numbers a directory scan needs from stat(2), without building an fs.Stats.
//
// A warm no-op on a 36k-file dep is mostly one stat per file. In Node 20, fs.statSync wraps the
// kernel's answer in a Stats object with four Date objects; on FER2013 that wrapping (Stats,
// dateFromMs, the GC it causes) cost more CPU than the stat syscalls themselves (profiled
// 2026-11-29: 126 ms in statSync, of which 72 ms was the syscall). Node's own fs binding returns
// the raw numbers in a reused Float64Array, so this module reads them from there.
//
// That binding is Node-internal, so it is used only after a probe shows that it gives exactly
// what fs.statSync gives on this Node (mode, size, mtimeMs, ino, dev, nlink); otherwise, or with
// PIPE_PORTABLE_STAT=1, every call goes through fs.statSync. Both paths return the same numbers,
// so stat caches written by one are valid for the other.
import fs from 'node:fs';

/** What `statNumbers` fills in: [mode, size, mtimeMs, ino, dev, nlink]. */
export type StatBuffer = Float64Array;

export const S_IFMT = 0o170000;
export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;

export function newStatBuffer(): StatBuffer {
  return new Float64Array(6);
}

/** Node's raw binding: stat(path, bigint, req, throwIfNoEntry) → shared Float64Array | undefined. */
type RawStat = (path: string, bigint: false, req: undefined, throwIfNoEntry: boolean) => Float64Array | undefined;

/** Which implementation `statNumbers` is (for tests and benchmarks). */
export let statImplementation: 'binding' | 'portable' = 'portable';

/**
 * Stats `absPath` (following symlinks) into `out`; false if nothing is there (ENOENT, which
 * includes a dangling link). Other errors (ENOTDIR, EACCES, ELOOP) throw, as fs.statSync does.
 */
export const statNumbers: (absPath: string, out: StatBuffer) => boolean = chooseImplementation();

export function portableStatNumbers(absPath: string, out: StatBuffer): boolean {
  const st = fs.statSync(absPath, { throwIfNoEntry: false });
  if (st === undefined) return false;
  out[0] = st.mode;
  out[1] = st.size;
  out[2] = st.mtimeMs;
  out[3] = st.ino;
  out[4] = st.dev;
  out[5] = st.nlink;
  return true;
}

function chooseImplementation(): (absPath: string, out: StatBuffer) => boolean {
  if (process.env.PIPE_PORTABLE_STAT === '1') return portableStatNumbers;
  const raw = rawStat();
  if (raw === undefined) return portableStatNumbers;
  const fast = (absPath: string, out: StatBuffer): boolean => {
    const a = raw(absPath, false, undefined, false);
    if (a === undefined) return false;
    // layout of Node's stat array: dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks,
    // atime sec/nsec, mtime sec/nsec, ...; mtimeMs is computed as Node computes it
    out[0] = a[1] as number;
    out[1] = a[8] as number;
    out[2] = (a[12] as number) * 1e3 + (a[13] as number) / 1e6;
    out[3] = a[7] as number;
    out[4] = a[0] as number;
    out[5] = a[2] as number;
    return true;
  };
  if (!agrees(fast)) return portableStatNumbers;
  statImplementation = 'binding';
  return fast;
}

function rawStat(): RawStat | undefined {
  try {
    const binding = (process as unknown as { binding?: (name: string) => { stat?: unknown } }).binding?.('fs');
    const stat = binding?.stat;
    return typeof stat === 'function' ? (stat.bind(binding) as RawStat) : undefined;
  } catch {
    return undefined;
  }
}

/** The probe: a file, a directory and a missing path must read exactly as through fs.statSync. */
function agrees(fast: (absPath: string, out: StatBuffer) => boolean): boolean {
  try {
    const a = newStatBuffer();
    const b = newStatBuffer();
    for (const p of [process.execPath, fs.realpathSync(process.cwd())]) {
      if (!fast(p, a) || !portableStatNumbers(p, b)) return false;
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    }
    return !fast(`${process.execPath}\0missing`.replace('\0', '.pipe-probe-'), a);
  } catch {
    return false;
  }
}
