// The stat cache: (path, size, mtime, inode) → content hash, so that unchanged files are not
// re-read. Small JSON files in .pipe/, each read at most once per process, only when needed, and
// written atomically only when something in them changed:
//  - tree-cache.json: per hashed directory, a signature of every file's (relative path, size,
//    mtime, inode) → the directory's HashInfo. When the signature matches, no per-file lookup and
//    no manifest rebuild is needed; it is exactly as strict as checking each file's stat. This is
//    all a warm no-op reads.
//  - trees/<fingerprint of the dir path>.json: the per-file entries of one directory, read only
//    when its signature changed (so one edited file costs one re-read, not 36k).
//  - stat-cache.json: per-file entries for files hashed on their own.
// A file whose stat no longer matches is re-hashed: an mtime-only change costs one read and gives
// the same hash.
//
// mtime is Node's number stat `mtimeMs` (a double: sub-microsecond resolution, ≈0.24 µs for
// current dates), not the BigInt nanoseconds: BigInt stats cost ~1.6x the CPU on the 36k-file
// FER2013 folder (measured 2026-11-29 on the 2-core bench machine) and the extra precision only
// matters for two writes of the same size to the same inode within a quarter microsecond.
import fs from 'node:fs';
import path from 'node:path';
import type { HashInfo } from './types.js';
import { stateDir } from './layout.js';
import { writeFileAtomicSync } from './atomic.js';
import { HASH_ALGORITHM, hashBytes } from './hash-adapter.js';

const FORMAT_VERSION = 3;
export const STAT_CACHE_FILE = 'stat-cache.json';
export const TREE_CACHE_FILE = 'tree-cache.json';
export const TREE_FILES_DIR = 'trees';

/** What a stat must still match for a cached hash to be trusted. */
export interface StatSignature {
  size: number;
  /** Modification time, ms since the epoch, as Node's number stat gives it (sub-µs fraction). */
  mtimeMs: number;
  ino: number;
}

export function signatureOf(st: fs.Stats): StatSignature {
  return { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
}

/** [size, mtimeMs, ino, hash] */
type Entry = [number, number, number, string];
/** On disk: one array of [path, size, mtimeMs, ino, hash] (parses fast; no per-key objects). */
interface EntriesFormat {
  v: number;
  algorithm: string;
  files: [string, number, number, number, string][];
}
interface TreeEntry extends HashInfo {
  sig: string;
  /**
   * `<real path>\n<token>`: the folder watcher's token received before the walk that produced
   * this entry (watch-protocol.ts); the same token later means the folder has not changed
   */
  watch?: string;
}
interface TreeFormat {
  v: number;
  algorithm: string;
  trees: Record<string, TreeEntry>;
}

/** Per-file entries of one scope (standalone files, or the files of one directory). */
export class FileEntries {
  private map: Map<string, Entry> | undefined;
  private dirty = false;

  constructor(private readonly file: string | undefined) {
    if (file === undefined) this.map = new Map();
  }

  lookup(rel: string, sig: StatSignature): string | undefined {
    const e = this.load().get(rel);
    return e !== undefined && e[0] === sig.size && e[1] === sig.mtimeMs && e[2] === sig.ino ? e[3] : undefined;
  }

  record(rel: string, sig: StatSignature, hash: string): void {
    const map = this.load();
    const old = map.get(rel);
    if (old && old[0] === sig.size && old[1] === sig.mtimeMs && old[2] === sig.ino && old[3] === hash) return;
    map.set(rel, [sig.size, sig.mtimeMs, sig.ino, hash]);
    this.dirty = true;
  }

  /** Keeps only the entries named in `keep` (a directory's current files). */
  retain(keep: ReadonlySet<string>): void {
    const map = this.load();
    if (map.size === keep.size) return; // every kept name was just looked up or recorded
    for (const k of map.keys()) {
      if (!keep.has(k)) {
        map.delete(k);
        this.dirty = true;
      }
    }
  }

  get count(): number {
    return this.load().size;
  }

  save(): void {
    if (!this.dirty || this.file === undefined || this.map === undefined) return;
    const files: EntriesFormat['files'] = [];
    for (const [rel, e] of this.map) files.push([rel, e[0], e[1], e[2], e[3]]);
    const data: EntriesFormat = { v: FORMAT_VERSION, algorithm: HASH_ALGORITHM, files };
    writeFileAtomicSync(this.file, JSON.stringify(data), { durable: false });
    this.dirty = false;
  }

  private load(): Map<string, Entry> {
    if (this.map === undefined) {
      this.map = new Map();
      const parsed = readCacheJson(this.file) as Partial<EntriesFormat> | undefined;
      if (parsed && Array.isArray(parsed.files)) {
        for (const row of parsed.files) {
          if (Array.isArray(row) && row.length === 5 && typeof row[0] === 'string' && typeof row[4] === 'string') {
            this.map.set(row[0], [row[1], row[2], row[3], row[4]]);
          }
        }
      }
    }
    return this.map;
  }
}

export class StatCache {
  private trees: TreeFormat | undefined;
  private treesDirty = false;
  private readonly standalone: FileEntries;
  private readonly perTree = new Map<string, FileEntries>();

  private constructor(
    /** The project's `.pipe/` directory, or undefined for an in-memory cache. */
    readonly dir: string | undefined,
  ) {
    if (dir === undefined) this.trees = emptyTrees();
    this.standalone = new FileEntries(dir === undefined ? undefined : path.join(dir, STAT_CACHE_FILE));
  }

  /** The stat cache of a project (files under `.pipe/`, read on first use; missing = empty). */
  static load(projectRoot: string): StatCache {
    return new StatCache(stateDir(projectRoot));
  }

  /** A cache that is never written to disk (tests, one-off hashing). */
  static inMemory(): StatCache {
    return new StatCache(undefined);
  }

  /** The cached hash of a file hashed on its own, if its signature still matches. */
  lookup(relPath: string, sig: StatSignature): string | undefined {
    return this.standalone.lookup(relPath, sig);
  }

  record(relPath: string, sig: StatSignature, hash: string): void {
    this.standalone.record(relPath, sig, hash);
  }

  /** The per-file entries of the directory `relPath` (paths relative to it). */
  treeFiles(relPath: string): FileEntries {
    let entries = this.perTree.get(relPath);
    if (entries === undefined) {
      const file = this.dir === undefined ? undefined : path.join(this.dir, TREE_FILES_DIR, `${hashBytes(relPath).slice(0, 32)}.json`);
      entries = new FileEntries(file);
      this.perTree.set(relPath, entries);
    }
    return entries;
  }

  /** A directory's cached HashInfo if the signature of its whole file listing is unchanged. */
  lookupTree(relPath: string, sig: string): HashInfo | undefined {
    const t = own(this.treeData().trees, relPath);
    return t !== undefined && t.sig === sig ? { hash: t.hash, size: t.size, nfiles: t.nfiles } : undefined;
  }

  /**
   * A directory's cached HashInfo if the folder watcher's token is the one received before the
   * walk that recorded it: nothing below the folder changed since, so no walk is needed.
   */
  lookupWatchedTree(relPath: string, watch: string): HashInfo | undefined {
    const t = own(this.treeData().trees, relPath);
    return t !== undefined && t.watch === watch ? { hash: t.hash, size: t.size, nfiles: t.nfiles } : undefined;
  }

  /** How many files the directory had when last hashed (0 if never). */
  treeFileCount(relPath: string): number {
    return own(this.treeData().trees, relPath)?.nfiles ?? 0;
  }

  /** The most files any recorded directory had when it was last hashed (0 if none). */
  largestTree(): number {
    let most = 0;
    for (const t of Object.values(this.treeData().trees)) if (t.nfiles > most) most = t.nfiles;
    return most;
  }

  /** `watch`: the watcher's mark taken before the walk (see lookupWatchedTree), if any. */
  recordTree(relPath: string, sig: string, info: HashInfo, watch?: string): void {
    const trees = this.treeData().trees;
    const old = own(trees, relPath);
    if (old && old.sig === sig && old.hash === info.hash && old.watch === watch) return;
    setOwn(trees, relPath, { sig, hash: info.hash, size: info.size, nfiles: info.nfiles, ...(watch !== undefined ? { watch } : {}) });
    this.treesDirty = true;
  }

  /** Writes what changed since load, atomically; never throws on I/O trouble (it only costs speed). */
  save(): void {
    if (this.dir === undefined) return;
    try {
      this.standalone.save();
      for (const entries of this.perTree.values()) entries.save();
      if (this.treesDirty && this.trees) {
        writeFileAtomicSync(path.join(this.dir, TREE_CACHE_FILE), JSON.stringify(this.trees), { durable: false });
        this.treesDirty = false;
      }
    } catch {
      // A read-only .pipe/ only costs speed next time.
    }
  }

  private treeData(): TreeFormat {
    if (this.trees === undefined) {
      const parsed = readCacheJson(this.dir === undefined ? undefined : path.join(this.dir, TREE_CACHE_FILE)) as Partial<TreeFormat> | undefined;
      this.trees = parsed && isObject(parsed.trees) ? (parsed as TreeFormat) : emptyTrees();
    }
    return this.trees;
  }
}

/** A cache file of this format and algorithm, or undefined (missing, corrupt, or outdated: start over). */
function readCacheJson(file: string | undefined): { v?: unknown; algorithm?: unknown } | undefined {
  if (file === undefined) return undefined;
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { v?: unknown; algorithm?: unknown };
    return parsed.v === FORMAT_VERSION && parsed.algorithm === HASH_ALGORITHM ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function emptyTrees(): TreeFormat {
  return { v: FORMAT_VERSION, algorithm: HASH_ALGORITHM, trees: {} };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own-property read/write: a file may be called `constructor` or `__proto__`. */
function own<T>(obj: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}
function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
