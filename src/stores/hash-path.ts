// Hashing workspace paths (relative to the project root): a file gives {hash, size, nfiles: 1}; a
// directory gives the hash of its manifest (every file below it, sorted by relative path) plus
// `.dir`. Unchanged files come from the stat cache (and unchanged directories from its tree
// signatures); the rest are read synchronously, one after another.
// Symlinks are followed (a dep may be a link to a shared data folder).
import fs from 'node:fs';
import path from 'node:path';
import type { HashInfo, ManifestEntry } from './types.js';
import { StatCache, signatureOf, type FileEntries, type StatSignature } from './stat-cache.js';
import { hashBytes, hashFileSync, hashParts } from './hash-adapter.js';
import { canonicalJson, compareCodeUnits } from './canonical.js';

/** A hashed path with the detail needed to store it: for a directory, its manifest and files. */
export interface HashedPath {
  info: HashInfo;
  /** Directories only: the manifest, sorted by relpath. */
  manifest?: ManifestEntry[];
  /** Directories only: the exact manifest bytes whose hash (plus `.dir`) is `info.hash`. */
  manifestBytes?: string;
}

export interface HasherOptions {
  /** Defaults to the project's `.pipe/stat-cache.json`. */
  statCache?: StatCache;
}

/** The encoding of a directory manifest (stored as the `.dir` object). */
export function encodeManifest(entries: ManifestEntry[]): string {
  return canonicalJson(entries.map((e) => ({ relpath: e.relpath, hash: e.hash })));
}

export function dirHashOfManifest(manifestBytes: string): string {
  return `${hashBytes(manifestBytes)}.dir`;
}

interface WalkedFile {
  relInDir: string;
  abs: string;
  sig: StatSignature;
}

export class Hasher {
  readonly statCache: StatCache;

  constructor(readonly projectRoot: string, options: HasherOptions = {}) {
    this.statCache = options.statCache ?? StatCache.load(projectRoot);
  }

  /** {hash, size, nfiles} of a file or directory, or undefined if it does not exist. */
  async hashPath(relPath: string): Promise<HashInfo | undefined> {
    return this.hashPathSync(relPath);
  }

  /**
   * Same as hashPath, synchronously. File I/O here is synchronous on purpose (see
   * hash-adapter.ts: an order of magnitude faster for many small files on this machine).
   */
  hashPathSync(relPath: string): HashInfo | undefined {
    return this.hash(relPath, false)?.info;
  }

  /** hashPath plus, for a directory, its manifest (what `ObjectCache.save` stores). */
  async hashPathDetailed(relPath: string): Promise<HashedPath | undefined> {
    return this.hash(relPath, true);
  }

  /** Writes the stat cache if it changed. Call once at the end of a command. */
  save(): void {
    this.statCache.save();
  }

  private hash(relPath: string, wantManifest: boolean): HashedPath | undefined {
    const rel = normalizeRel(relPath);
    const abs = path.resolve(this.projectRoot, rel);
    const st = fs.statSync(abs, { throwIfNoEntry: false });
    if (st === undefined) return undefined;
    if (st.isDirectory()) return this.hashDir(rel, abs, wantManifest);
    const sig = signatureOf(st);
    let hash = this.statCache.lookup(rel, sig);
    if (hash === undefined) {
      hash = hashFileSync(abs, sig.size);
      this.statCache.record(rel, sig, hash);
    }
    return { info: { hash, size: sig.size, nfiles: 1 } };
  }

  private hashDir(rel: string, abs: string, wantManifest: boolean): HashedPath {
    const files: WalkedFile[] = [];
    // Walk the real path: a dep that is a symlink (data/fer2013 → shared storage) would otherwise
    // make the kernel resolve the link again for each of the 36k stats.
    walk(fs.realpathSync(abs), '', files);
    // Fast path: nothing in the listing changed (names, sizes, mtimes, inodes) → same HashInfo.
    const sig = listingSignature(files);
    if (!wantManifest) {
      const cached = this.statCache.lookupTree(rel, sig);
      if (cached) return { info: cached };
    }
    const cache: FileEntries = this.statCache.treeFiles(rel);
    let size = 0;
    const entries = files.map((f) => {
      size += f.sig.size;
      let hash = cache.lookup(f.relInDir, f.sig);
      if (hash === undefined) {
        hash = hashFileSync(f.abs, f.sig.size);
        cache.record(f.relInDir, f.sig, hash);
      }
      return { relpath: f.relInDir, hash };
    });
    cache.retain(new Set(files.map((f) => f.relInDir)));
    entries.sort((a, b) => compareCodeUnits(a.relpath, b.relpath));
    const manifestBytes = encodeManifest(entries);
    const info: HashInfo = { hash: dirHashOfManifest(manifestBytes), size, nfiles: files.length };
    this.statCache.recordTree(rel, sig, info);
    return { info, manifest: entries, manifestBytes };
  }
}

/**
 * Every regular file below `dirAbs` (symlinks followed), in directory order. Plain-name readdir
 * plus one number stat per entry: the stat is needed anyway, Dirent objects only add cost, and
 * BigInt stats cost ~1.6x the CPU (see stat-cache.ts). Only the fields we use are kept.
 */
function walk(dirAbs: string, prefix: string, out: WalkedFile[]): void {
  for (const name of fs.readdirSync(dirAbs)) {
    const childAbs = `${dirAbs}/${name}`;
    const relInDir = prefix === '' ? name : `${prefix}/${name}`;
    const st = fs.statSync(childAbs, { throwIfNoEntry: false });
    if (st === undefined) continue; // dangling symlink, or deleted meanwhile: not content
    if (st.isDirectory()) walk(childAbs, relInDir, out);
    else if (st.isFile()) out.push({ relInDir, abs: childAbs, sig: { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino } });
    // sockets, fifos: not content
  }
}

/**
 * A digest of the listing: every file's relative path, size, mtime and inode. The numbers go
 * into one Float64Array and the names into one string, each hashed in one call (per-file buffer
 * writes cost several times more on 36k files).
 */
function listingSignature(files: WalkedFile[]): string {
  const nums = new Float64Array(files.length * 3);
  const names: string[] = new Array<string>(files.length);
  for (let i = 0; i < files.length; i++) {
    const f = files[i] as WalkedFile;
    names[i] = f.relInDir;
    nums[i * 3] = f.sig.size;
    nums[i * 3 + 1] = f.sig.mtimeMs;
    nums[i * 3 + 2] = f.sig.ino;
  }
  return hashParts([names.join('\0'), new Uint8Array(nums.buffer)]);
}

/** Project-relative, `/`-separated, no `./` prefix or trailing slash; `.` for the root itself. */
export function normalizeRel(relPath: string): string {
  const n = path.posix.normalize(relPath.split(path.sep).join('/')).replace(/\/+$/, '');
  return n === '' ? '.' : n;
}

export function isNotFound(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function runPool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** One-off hash of a path with a fresh, in-memory stat cache. */
export async function hashPath(projectRoot: string, relPath: string): Promise<HashInfo | undefined> {
  return new Hasher(projectRoot, { statCache: StatCache.inMemory() }).hashPath(relPath);
}
