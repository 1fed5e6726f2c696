// Hashing workspace paths (relative to the project root): a file gives {hash, size, nfiles: 1}
// (plus `isexec: true` when it is executable: exec-bit.ts); a
// directory gives the hash of its manifest (every file below it, sorted by relative path) plus
// `.dir`. Unchanged files come from the stat cache (and unchanged directories from its tree
// signatures); the rest are read synchronously, one after another.
// Symlinks are followed (a dep may be a link to a shared data folder). What the project's
// .pipeignore matches is left out of every folder walk (pipeignore.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { HashInfo, ManifestEntry } from './types.js';
import { StatCache, signatureOf, type FileEntries, type StatSignature } from './stat-cache.js';
import { createIncrementalHash, hashBytes, hashFileSync } from './hash-adapter.js';
import { compareCodeUnits } from './canonical.js';
import { scanPoolFor, type ScanPool } from './scan-pool.js';
import { rootTask, scanSubtree, type ScannedDir } from './scan-tree.js';
import { folderFilter, loadIgnoreRules, type IgnoreRules, type ProjectFilter } from './pipeignore.js';
import { WatchClient, type FolderWatch } from './watch-client.js';
import { execField } from './exec-bit.js';

/** A hashed path with the detail needed to store it: for a directory, its manifest and files. */
export interface HashedPath {
  info: HashInfo;
  /** Directories only: the manifest, sorted by relpath. */
  manifest?: ManifestEntry[];
  /** Directories only: the exact manifest bytes whose hash (plus `.dir`) is `info.hash`. */
  manifestBytes?: string;
}

/**
 * How a path's hash was had the last time it was hashed (for `-v`): a file from the stat cache
 * (its size, mtime and inode as recorded) or read; a folder from the watcher's word that nothing
 * below it changed (no walk), from its listing being as recorded (walked, no file read), or file
 * by file (`read` of its `files` read, the rest from the stat cache).
 */
export type HashSource =
  | { kind: 'file'; read: boolean }
  | { kind: 'folder'; via: 'watch' | 'listing' | 'files'; files: number; read: number };

export interface HasherOptions {
  /** Defaults to the project's `.pipe/stat-cache.json`. */
  statCache?: StatCache;
  /**
   * Who shares directory walks with the main thread. Default: the process's worker
   * (scan-pool.ts) when the stat cache has seen a folder of SHARED_WALK_MIN_FILES or more,
   * else none (PIPE_SCAN_WORKER=1: always, 0: never; see scan-pool.ts); null: walk alone.
   */
  scanPool?: ScanPool | null;
  /**
   * The folder watcher's client (watch-client.ts). Default: the project's, for a stat cache kept
   * on disk (see watchSetting for when it is used); null: none.
   */
  watch?: FolderWatch | null;
}

/**
 * The encoding of a directory manifest (stored as the `.dir` object): exactly
 * `canonicalJson(entries)` (keys sorted: hash, isexec, relpath; `isexec` only where true, so a
 * folder without executable files hashes as it always did), built directly because the generic
 * encoder costs ~75 ms on 36k entries. Entries must already be sorted by relpath.
 */
export function encodeManifest(entries: ManifestEntry[]): string {
  const parts = new Array<string>(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as ManifestEntry;
    parts[i] = `{"hash":${JSON.stringify(e.hash)},${e.isexec === true ? '"isexec":true,' : ''}"relpath":${JSON.stringify(e.relpath)}}`;
  }
  return `[${parts.join(',')}]`;
}

export function dirHashOfManifest(manifestBytes: string): string {
  return `${hashBytes(manifestBytes)}.dir`;
}

/**
 * dirHashOfManifest(encodeManifest(entries)), fed to the hash a slice at a time: the same bytes,
 * without the whole manifest text (5 MB for 50,000 files) and a string per entry at once, for a
 * caller that wants only the hash.
 */
export function dirHashOfEntries(entries: ManifestEntry[]): string {
  const h = createIncrementalHash();
  const SLICE = 1024;
  for (let at = 0; at < entries.length || at === 0; at += SLICE) {
    const text = encodeManifest(entries.slice(at, at + SLICE));
    // `[a,b]` `[c]` → `[a,b` `,c]`: the brackets only at the very start and end
    const body = text.slice(at === 0 ? 0 : 1, at + SLICE >= entries.length ? text.length : -1);
    h.update(Buffer.from(at === 0 ? body : `,${body}`));
  }
  return `${h.digest()}.dir`;
}

/**
 * A file modified this recently is hashed but not remembered: a second write within the file
 * system's timestamp granularity (a kernel tick; 2 s on FAT) could leave size, mtime and inode
 * unchanged, and a remembered hash would then hide new content (git's "racy clean" problem). Such
 * a file is simply read again next time, and remembered once it is older.
 */
export const RACY_WINDOW_MS = 2000;

/**
 * Share directory walks with a worker thread (scan-pool.ts) when the project last hashed a
 * folder of at least this many files: about 30 ms of walk on the 2-core dev machine, what a
 * worker takes to start.
 */
export const SHARED_WALK_MIN_FILES = 10_000;

export class Hasher {
  readonly statCache: StatCache;
  /** undefined: not decided yet (started on the first walk); null: walk alone */
  private scanPool: ScanPool | null | undefined;
  private readonly watch: FolderWatch | undefined;
  /** the project's .pipeignore, read at the first folder walk; null: not read yet */
  private rules: IgnoreRules | undefined | null = null;
  /** how each path was hashed (howHashed), and the stat signature or listing it was hashed at */
  private readonly sources = new Map<string, { how: HashSource; sig: string }>();

  constructor(readonly projectRoot: string, options: HasherOptions = {}) {
    this.statCache = options.statCache ?? StatCache.load(projectRoot);
    const dir = this.statCache.dir;
    this.watch = options.watch !== undefined ? (options.watch ?? undefined) : dir !== undefined ? WatchClient.forStateDir(dir) : undefined;
    if (options.scanPool !== undefined) {
      this.scanPool = options.scanPool;
    } else if (!this.watch?.running()) {
      // A worker costs its start-up (and makes the process's exit wait for it), so it is only
      // started where a walk is long enough to share: a project that last hashed a big folder.
      // Started now, it is up by the time that folder is walked. With a folder watcher running
      // the walk is likely spared, so the worker waits until a walk is needed.
      this.scanPool = this.poolFor();
    }
  }

  private poolFor(): ScanPool | null {
    return scanPoolFor(this.statCache.largestTree(), SHARED_WALK_MIN_FILES) ?? null;
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

  /** Same as hashPathDetailed, synchronously. */
  hashPathDetailedSync(relPath: string): HashedPath | undefined {
    return this.hash(relPath, true);
  }

  /** How `relPath` was hashed the last time (`-v` says it), or undefined if it was not. */
  howHashed(relPath: string): HashSource | undefined {
    return this.sources.get(normalizeRel(relPath))?.how;
  }

  /**
   * Remembers how `rel` was hashed. A hash taken from the stat cache, of a path this command
   * already read as it is now (same signature), keeps the first word: the command did read it.
   */
  private noteSource(rel: string, how: HashSource, sig: string): void {
    const before = this.sources.get(rel);
    const fast = how.kind === 'file' ? !how.read : how.via !== 'files' || how.read === 0;
    if (fast && before !== undefined && before.sig === sig) return;
    this.sources.set(rel, { how, sig });
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
    if (!st.isFile()) return undefined; // a fifo or socket is not content (and reading it could block)
    const sig = signatureOf(st);
    let hash = this.statCache.lookup(rel, sig);
    this.noteSource(rel, { kind: 'file', read: hash === undefined }, `${sig.size}:${sig.mtimeMs}:${sig.ino}`);
    if (hash === undefined) {
      hash = hashFileSync(abs, sig.size);
      if (sig.mtimeMs < Date.now() - RACY_WINDOW_MS) this.statCache.record(rel, sig, hash);
    }
    return { info: { hash, size: sig.size, nfiles: 1, ...execField(st.mode) } };
  }

  /** The project's .pipeignore rules (read once per Hasher), or undefined without any. */
  ignoreRules(): IgnoreRules | undefined {
    if (this.rules === null) this.rules = loadIgnoreRules(this.projectRoot);
    return this.rules;
  }

  private hashDir(rel: string, abs: string, wantManifest: boolean): HashedPath {
    // Walk the real path: a dep that is a symlink (data/fer2013 → shared storage) would otherwise
    // make the kernel resolve the link again for each of the 36k stats.
    const real = fs.realpathSync(abs);
    const filter = folderFilter(this.ignoreRules(), rel);
    // Fastest path: the folder watcher says nothing below it changed since the walk recorded.
    // The token is taken before this run's walk, so a change during the walk shows next time.
    // Under a .pipeignore the mark also names the rules: the watcher sees no event when only
    // the rules change, yet the folder's hash may.
    const token = this.watch?.token(real, this.statCache.treeFileCount(rel));
    // Leaving out the records folder is named too, so a pipe from before it never takes this mark.
    const rules = filter === undefined ? '' : `${filter.rulesId === undefined ? '' : `\n${filter.rulesId}`}${filter.spec.skip === undefined ? '' : `\nskip:${filter.spec.skip}`}`;
    let mark = token === undefined ? undefined : `${real}\n${token}${rules}`;
    if (mark !== undefined && !wantManifest) {
      const watched = this.statCache.lookupWatchedTree(rel, mark);
      if (watched) {
        this.noteSource(rel, { kind: 'folder', via: 'watch', files: watched.nfiles, read: 0 }, this.sources.get(rel)?.sig ?? '');
        return { info: watched };
      }
    }
    if (this.scanPool === undefined) this.scanPool = this.poolFor();
    const listing = listTree(real, this.scanPool ?? undefined, filter);
    // A file with other hard links can be edited from outside the folder, unseen by its watches.
    if (listing.linked) mark = undefined;
    // Fast path: nothing in the listing changed (names, sizes, mtimes, inodes) → same HashInfo.
    if (!wantManifest) {
      const cached = this.statCache.lookupTree(rel, listing.signature);
      if (cached) {
        this.statCache.recordTree(rel, listing.signature, cached, mark);
        this.noteSource(rel, { kind: 'folder', via: 'listing', files: cached.nfiles, read: 0 }, listing.signature);
        return { info: cached };
      }
    }
    let size = 0;
    const entries: ManifestEntry[] = [];
    const seen = new Set<string>();
    const { racy, read } = this.visitListing(rel, listing, filter, (relInDir, hash, isexec, fileSize) => {
      size += fileSize;
      entries.push(isexec ? { relpath: relInDir, hash, isexec: true } : { relpath: relInDir, hash });
      seen.add(relInDir);
    });
    this.statCache.treeFiles(rel).retain(seen);
    entries.sort((a, b) => compareCodeUnits(a.relpath, b.relpath));
    // the manifest text only for a caller that stores it
    const manifestBytes = wantManifest ? encodeManifest(entries) : undefined;
    const info: HashInfo = { hash: manifestBytes === undefined ? dirHashOfEntries(entries) : dirHashOfManifest(manifestBytes), size, nfiles: entries.length };
    if (!racy) this.statCache.recordTree(rel, listing.signature, info, mark);
    this.noteSource(rel, { kind: 'folder', via: 'files', files: entries.length, read }, listing.signature);
    return wantManifest ? { info, manifest: entries, manifestBytes } : { info };
  }

  /**
   * Each file of the folder `relPath` as its manifest would hold it (path inside the folder, hash,
   * exec bit), in walk order, without building the manifest: for a caller that only compares the
   * files one by one (is each in the cache, does each match a recorded one), so that a folder of
   * 50,000 files costs no sorted list, manifest text or per-file object on top of the walk.
   * `visit` returning false stops the walk. 'not-a-folder' where `relPath` is not a folder (or is
   * missing); 'stopped' when `visit` stopped it; else 'done'. Hashes are learnt by the stat cache
   * as by hashPath.
   */
  eachFolderFile(relPath: string, visit: (relpath: string, hash: string, isexec: boolean) => boolean | void): 'not-a-folder' | 'stopped' | 'done' {
    const rel = normalizeRel(relPath);
    const abs = path.resolve(this.projectRoot, rel);
    if (fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory() !== true) return 'not-a-folder';
    const filter = folderFilter(this.ignoreRules(), rel);
    if (this.scanPool === undefined) this.scanPool = this.poolFor();
    const listing = listTree(fs.realpathSync(abs), this.scanPool ?? undefined, filter);
    return this.visitListing(rel, listing, filter, visit).stopped ? 'stopped' : 'done';
  }

  /**
   * The files of a folder's listing that its manifest holds (those `filter` leaves), with their
   * hashes from the stat cache or read now (and then remembered, unless modified too recently to
   * trust: `racy`), in walk order. A file deleted since the listing is left out.
   */
  private visitListing(
    rel: string,
    listing: { dirs: ScannedDir[] },
    filter: ProjectFilter | undefined,
    visit: (relpath: string, hash: string, isexec: boolean, size: number) => boolean | void,
  ): { racy: boolean; stopped: boolean; read: number } {
    const cache: FileEntries = this.statCache.treeFiles(rel);
    const racyAfter = Date.now() - RACY_WINDOW_MS;
    let racy = false;
    let read = 0;
    for (const dir of listing.dirs) {
      let nextExec = 0;
      for (let i = 0; i < dir.names.length; i++) {
        const isexec = dir.exec[nextExec] === i;
        if (isexec) nextExec++;
        const name = dir.names[i] as string;
        const relInDir = dir.rel === '' ? name : `${dir.rel}/${name}`;
        if (filter !== undefined && filter.ignores(relInDir, false)) continue;
        const sig: StatSignature = { size: dir.nums[i * 3] as number, mtimeMs: dir.nums[i * 3 + 1] as number, ino: dir.nums[i * 3 + 2] as number };
        let hash = cache.lookup(relInDir, sig);
        if (hash === undefined) {
          try {
            hash = hashFileSync(`${dir.abs}/${name}`, sig.size);
          } catch (err) {
            if (isNotFound(err)) continue; // deleted since the scan: not part of the directory now
            throw err;
          }
          read++;
          if (sig.mtimeMs < racyAfter) cache.record(relInDir, sig, hash);
          else racy = true;
        }
        if (visit(relInDir, hash, isexec, sig.size) === false) return { racy, stopped: true, read };
      }
    }
    return { racy, stopped: false, read };
  }
}

/**
 * Every regular file below `rootAbs` (scan-tree.ts; shared with a worker thread when there is a
 * pool) plus a signature of the whole listing: each directory's path, file names, sizes, mtimes
 * and inodes, in walk order, fed to one hash, and, for a directory holding executable files only,
 * which ones are (a chmod changes no mtime, yet changes the manifest; a directory without any
 * signs exactly as before, so no stat cache recorded then is thrown away). Under a .pipeignore (`filter`) the walk skips
 * ignored directories but lists ignored files (the caller leaves them out of the manifest, and
 * only when the signature changed), and the signature starts with the hash of the rules' text:
 * the same rules and the same listing give the same manifest. Without one it is exactly what it
 * always was.
 */
export function listTree(rootAbs: string, pool: ScanPool | undefined, filter?: ProjectFilter): { dirs: ScannedDir[]; signature: string; linked: boolean } {
  let dirs: ScannedDir[];
  if (pool) {
    dirs = pool.scan(rootAbs, filter);
  } else {
    dirs = [];
    scanSubtree(rootTask(rootAbs), dirs, undefined, filter);
  }
  const sig = createIncrementalHash();
  // a filter that only leaves out the records folder signs nothing: the listing lacks it
  if (filter?.rulesId !== undefined) sig.update(Buffer.from(`.pipeignore\0${filter.rulesId}\0\0`));
  for (const d of dirs) {
    sig.update(Buffer.from(`${d.rel}\0${d.names.join('\0')}\0\0`));
    sig.update(new Uint8Array(d.nums.buffer, d.nums.byteOffset, d.nums.byteLength));
    if (d.exec.length > 0) sig.update(Buffer.from(`\0isexec\0${d.exec.join(',')}\0\0`));
  }
  return { dirs, signature: sig.digest(), linked: dirs.some((d) => d.linked) };
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

/** The names in folder `dir`, or none where it does not exist (a cache no command has written yet). */
export function namesIn(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
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
