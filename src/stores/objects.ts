// The content-addressed object cache: cache/objects/<hh>/<rest>. Every object is a plain file with
// the exact bytes it stores, named by their hash; a directory is a `.dir` manifest object plus one
// object per file. Objects are written by copying (never linking) through a temp file + rename, so
// editing the workspace can never change the cache, and the cache never holds half an object.
// Every restore re-hashes what it copies: an object whose bytes no longer match its name is
// reported `corrupt`, never lands in the workspace, and is removed from the cache (it is worthless,
// and `save` skips a name already present, so only its removal lets a rerun, pull or add store a
// good copy again). What the project's .pipeignore matches is
// neither stored (the hasher leaves it out of manifests) nor replaced by a restore (carried over).
// Objects are never executable; a restore makes a file so where its record (the lock's or `.pipe`
// entry, or the folder manifest's) says `isexec: true` (exec-bit.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { HashInfo, ManifestEntry } from './types.js';
import { objectsDir, shardedName, isValidHash } from './layout.js';
import { tempPathFor, isTempName } from './atomic.js';
import { isAlive } from './repro-lock.js';
import { removeTree, removeTreeSync } from './remove-tree.js';
import { sweepDeadRestoreTemps, type StuckTemp } from './restore-temps.js';
import { createIncrementalHash, hashBytes } from './hash-adapter.js';
import { Hasher, dirHashOfManifest, encodeManifest, isNotFound, namesIn, normalizeRel, runPool } from './hash-path.js';
import { folderFilter, ignoredEntries, loadIgnoreRules, type ProjectFilter } from './pipeignore.js';
import { makeExecutable } from './exec-bit.js';
import { linkUnchanged } from './link-unchanged.js';
import { ensureDirSync, readSmallSync, writeFileInSync, yieldToLoop } from './small-object-io.js';

export type VerifyStatus = 'ok' | 'missing' | 'corrupt';

/** Outcome of restoring or verifying an object; `problems` names each bad object (dirs: per file). */
export interface ObjectCheck {
  status: VerifyStatus;
  /** For `missing` / `corrupt`: the hashes at fault (a directory's manifest or its files). */
  problems: { hash: string; status: 'missing' | 'corrupt'; relpath?: string }[];
  /** a restore: temp copies of earlier, interrupted restores of the same path it could not remove (only when some) */
  stuck?: StuckTemp[];
}

export interface GcResult {
  removedObjects: number;
  removedBytes: number;
  /** Leftover temp files from interrupted writes that were swept. */
  removedTemps: number;
}

export interface RestoreOptions {
  /** a file: make it executable (the record says `isexec: true`); a folder's manifest says so per file */
  isexec?: boolean;
  /**
   * The project's hasher: a folder restore then keeps (hard-links into the new folder) the files
   * the folder already holds as recorded, as this hasher's stat cache sees them, and copies only
   * the rest (link-unchanged.ts). Without it every file is copied from the cache.
   */
  hasher?: Hasher;
}

const COPY_CHUNK = 1 << 20;
/** A long synchronous loop over small files lets the event loop run after this many. */
const YIELD_EVERY = 256;

export class ObjectCache {
  /** Absolute path of cache/objects. */
  readonly dir: string;

  constructor(readonly projectRoot: string, dir?: string) {
    this.dir = dir ?? objectsDir(projectRoot);
  }

  /** Absolute path where the object `hash` lives (whether or not it exists). */
  pathOf(hash: string): string {
    return path.join(this.dir, shardedName(hash));
  }

  has(hash: string): boolean {
    return fs.existsSync(this.pathOf(hash));
  }

  /** Whether an object and, for a directory, its manifest and every file object are present. */
  hasAll(hash: string): boolean {
    if (!this.has(hash)) return false;
    if (!hash.endsWith('.dir')) return true;
    const manifest = this.readManifest(hash);
    return manifest !== undefined && manifest.every((e) => this.has(e.hash));
  }

  /**
   * Stores the workspace path `relPath` (file or directory) and returns its HashInfo. Objects
   * already present are not copied again. Content is hashed while it is copied and stored under
   * the hash of the bytes actually copied, so a file that changed behind the stat cache's back
   * (or during the save) can never be stored under a wrong name; the returned HashInfo always
   * describes what the cache now holds.
   */
  async save(relPath: string, hasher: Hasher): Promise<HashInfo | undefined> {
    const hashed = await hasher.hashPathDetailed(relPath);
    if (hashed === undefined) return undefined;
    const abs = path.resolve(this.projectRoot, relPath);
    if (hashed.manifest === undefined) {
      if (this.has(hashed.info.hash)) return hashed.info;
      const actual = await this.ingestFile(abs, hashed.info.hash);
      return actual === undefined ? undefined : { ...hashed.info, hash: actual.hash, size: actual.size };
    }
    let changed = false;
    let size = 0;
    const manifest: ManifestEntry[] = [];
    // One file after another: small files take the synchronous path (ingestFile), which a pool
    // of promises would only slow down; the loop yields now and then.
    let n = 0;
    for (const e of hashed.manifest) {
      if (++n % YIELD_EVERY === 0) await yieldToLoop();
      if (this.has(e.hash)) continue;
      const actual = await this.ingestFile(path.join(abs, ...e.relpath.split('/')), e.hash);
      if (actual?.hash !== e.hash) changed = true;
      if (actual) e.hash = actual.hash;
      else e.hash = ''; // deleted meanwhile
    }
    if (!changed) {
      if (!this.has(hashed.info.hash)) await this.putBytes(hashed.info.hash, hashed.manifestBytes as string);
      return hashed.info;
    }
    // Some file was not what the stat cache said: describe what was really stored.
    for (const e of hashed.manifest) {
      if (e.hash === '') continue;
      manifest.push(e);
      size += fs.statSync(this.pathOf(e.hash)).size;
    }
    const bytes = encodeManifest(manifest);
    const hash = dirHashOfManifest(bytes);
    if (!this.has(hash)) await this.putBytes(hash, bytes);
    return { hash, size, nfiles: manifest.length };
  }

  /**
   * Copies a file into the cache under the hash of the bytes copied (via a temp file + rename).
   * Returns that hash and size, or undefined if the file does not exist. `absent`: a hash the
   * caller just found missing from the cache (what the file was expected to hash to), so a file
   * that does hash to it is not looked up again.
   *
   * A small file is read whole, hashed, and written under its final shard (sync I/O: 8 system
   * calls, a temp name `gc` sweeps); a big one is hashed while it is copied in chunks to a temp
   * file at the objects root, then renamed to the name its bytes hash to.
   */
  async ingestFile(srcAbs: string, absent?: string): Promise<{ hash: string; size: number } | undefined> {
    const bytes = readSmallSync(srcAbs);
    if (bytes === undefined) return undefined;
    if (bytes !== 'large') {
      const hash = hashBytes(bytes);
      if (hash === absent || !this.has(hash)) writeFileInSync(this.pathOf(hash), bytes);
      return { hash, size: bytes.length };
    }
    ensureDirSync(this.dir);
    const tmp = tempPathFor(path.join(this.dir, 'ingest'));
    try {
      const hash = await copyHashing(srcAbs, tmp);
      if (hash === undefined) return undefined;
      const size = (await fs.promises.stat(tmp)).size;
      const dest = this.pathOf(hash);
      if (this.has(hash)) return { hash, size };
      ensureDirSync(path.dirname(dest));
      try {
        await fs.promises.rename(tmp, dest);
      } catch (err) {
        if (!isNotFound(err)) throw err;
        // the shard was removed since the memo saw it (gc of an empty shard): once more
        await fs.promises.mkdir(path.dirname(dest), { recursive: true });
        await fs.promises.rename(tmp, dest);
      }
      return { hash, size };
    } finally {
      await fs.promises.rm(tmp, { force: true });
    }
  }

  /** Stores bytes (e.g. a manifest) under their hash; returns that hash. */
  async putBytes(expectedHash: string, data: string | Uint8Array): Promise<void> {
    const bare = expectedHash.endsWith('.dir') ? expectedHash.slice(0, -4) : expectedHash;
    const actual = hashBytes(data);
    if (actual !== bare) throw new Error(`putBytes: data hashes to ${actual}, not ${bare}`);
    writeFileInSync(this.pathOf(expectedHash), typeof data === 'string' ? Buffer.from(data) : data);
  }

  /** The parsed manifest of a `.dir` object, or undefined if missing or not a valid manifest. */
  readManifest(hash: string): ManifestEntry[] | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.pathOf(hash), 'utf8');
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    if (dirHashOfManifest(text) !== hash) return undefined;
    return parseManifest(text);
  }

  /**
   * Re-hashes an object (and, for a directory, every file object) against its name; the corrupt
   * ones are removed from the cache.
   */
  async verify(hash: string): Promise<ObjectCheck> {
    return this.discardCorrupt(await this.verifyKeeping(hash));
  }

  /**
   * Removes from the cache each object `check` found corrupt (by name, so a rerun, pull or add
   * stores a good copy; `save` skips names already present) and returns `check`.
   */
  private async discardCorrupt(check: ObjectCheck): Promise<ObjectCheck> {
    for (const p of check.problems) {
      if (p.status === 'corrupt') await fs.promises.rm(this.pathOf(p.hash), { force: true });
    }
    return check;
  }

  private async verifyKeeping(hash: string): Promise<ObjectCheck> {
    const one = async (h: string, relpath?: string): Promise<ObjectCheck['problems'][number] | undefined> => {
      const actual = await hashObjectFile(this.pathOf(h));
      if (actual === undefined) return { hash: h, status: 'missing', relpath };
      const bare = h.endsWith('.dir') ? h.slice(0, -4) : h;
      return actual === bare ? undefined : { hash: h, status: 'corrupt', relpath };
    };
    const top = await one(hash);
    if (top) return { status: top.status, problems: [top] };
    if (!hash.endsWith('.dir')) return { status: 'ok', problems: [] };
    const manifest = this.readManifest(hash);
    if (manifest === undefined) return { status: 'corrupt', problems: [{ hash, status: 'corrupt' }] };
    const problems: ObjectCheck['problems'] = [];
    await runPool(manifest, 8, async (e) => {
      const p = await one(e.hash, e.relpath);
      if (p) problems.push(p);
    });
    return summarize(problems);
  }

  /**
   * Restores the object `hash` to the workspace path `relPath`, replacing whatever is there. The
   * new content is assembled in a temp file/dir beside the target and renamed into place, so the
   * target is either the old content or the complete new one. Given the hasher, a folder's files
   * that are already as recorded are hard-linked into the new folder rather than copied again
   * (link-unchanged.ts), so putting back one file of a big folder writes one file. On
   * `missing`/`corrupt` the workspace is left untouched, and corrupt objects are removed from the
   * cache. Under a .pipeignore, a folder's ignored files stay as they are:
   * the restore writes none (a manifest made before the rules may hold some) and moves the
   * workspace's own into the new folder before it takes the old one's place.
   */
  async restore(hash: string, relPath: string, options: RestoreOptions = {}): Promise<ObjectCheck> {
    const target = path.resolve(this.projectRoot, relPath);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    // one that cannot be removed is no reason to stop: this restore's temp name is a fresh one
    const { stuck } = sweepDeadRestoreTemps(target);
    const check = await this.discardCorrupt(await this.restoreKeeping(hash, target, relPath, options.isexec === true, options.hasher));
    return stuck.length > 0 ? { ...check, stuck } : check;
  }

  private async restoreKeeping(hash: string, target: string, relPath: string, isexec: boolean, hasher: Hasher | undefined): Promise<ObjectCheck> {
    if (!hash.endsWith('.dir')) {
      const tmp = tempPathFor(target);
      const actual = await copyObjectTo(this.pathOf(hash), tmp).catch(async (err: unknown) => {
        await fs.promises.rm(tmp, { force: true }); // e.g. disk full: leave no half copy behind
        throw err;
      });
      if (actual !== hash) {
        await fs.promises.rm(tmp, { force: true });
        return actual === undefined
          ? { status: 'missing', problems: [{ hash, status: 'missing' }] }
          : { status: 'corrupt', problems: [{ hash, status: 'corrupt' }] };
      }
      if (isexec) await makeExecutable(tmp);
      await replacePath(tmp, target);
      return { status: 'ok', problems: [] };
    }
    const manifest = this.readManifest(hash);
    if (manifest === undefined) {
      const status = this.has(hash) ? 'corrupt' : 'missing';
      return { status, problems: [{ hash, status }] };
    }
    const filter = folderFilter(loadIgnoreRules(this.projectRoot), normalizeRel(relPath));
    const wanted = filter === undefined ? manifest : manifest.filter((e) => !filter.ignores(e.relpath, false));
    const tmpDir = tempPathFor(target);
    await fs.promises.mkdir(tmpDir, { recursive: true });
    const problems: ObjectCheck['problems'] = [];
    try {
      const toCopy = hasher === undefined ? wanted : await linkUnchanged(hasher, relPath, target, tmpDir, wanted);
      // the folders made so far in tmpDir (a fresh folder of this restore's own)
      const made = new Set<string>([tmpDir]);
      let n = 0;
      for (const e of toCopy) {
        if (++n % YIELD_EVERY === 0) await yieldToLoop();
        const dest = path.join(tmpDir, ...e.relpath.split('/'));
        const dir = path.dirname(dest);
        if (!made.has(dir)) {
          fs.mkdirSync(dir, { recursive: true });
          made.add(dir);
        }
        const actual = await copyObjectTo(this.pathOf(e.hash), dest);
        if (actual !== e.hash) {
          problems.push({ hash: e.hash, status: actual === undefined ? 'missing' : 'corrupt', relpath: e.relpath });
        } else if (e.isexec === true) {
          await makeExecutable(dest);
        }
      }
    } catch (err) {
      await removeTree(tmpDir);
      throw err;
    }
    if (problems.length > 0) {
      await removeTree(tmpDir);
      return summarize(problems);
    }
    if (filter !== undefined) await carryIgnored(filter, target, tmpDir);
    await replacePath(tmpDir, target);
    return { status: 'ok', problems: [] };
  }

  /** Every object hash in the cache (temp leftovers excluded). */
  listHashes(): string[] {
    const out: string[] = [];
    const shards = namesIn(this.dir);
    for (const shard of shards) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const rest of fs.readdirSync(path.join(this.dir, shard))) {
        const h = shard + rest;
        if (!isTempName(rest) && isValidHash(h)) out.push(h);
      }
    }
    return out.sort();
  }

  /**
   * The hashes an entry needs: itself and, for a `.dir`, every file in its manifest (when the
   * manifest is present). Use it to build the keep set for `gc` or the transfer list for push.
   */
  expand(hash: string): string[] {
    if (!hash.endsWith('.dir')) return [hash];
    const manifest = this.readManifest(hash);
    return [hash, ...(manifest ?? []).map((e) => e.hash)];
  }

  /**
   * The temp files of interrupted writes `gc` removes: `.tmp-*` names at the objects root and in
   * shard folders whose writer (the pid in the name) is no longer running. For `gc --dry-run`.
   */
  staleTemps(): string[] {
    const out: string[] = [];
    const shards = namesIn(this.dir);
    for (const shard of shards) {
      if (isTempName(shard)) {
        if (!tempWriterAlive(shard)) out.push(path.join(this.dir, shard));
        continue;
      }
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const rest of fs.readdirSync(path.join(this.dir, shard))) {
        if (isTempName(rest) && !tempWriterAlive(rest)) out.push(path.join(this.dir, shard, rest));
      }
    }
    return out;
  }

  /**
   * Deletes every object not in `keep` (give it expanded hashes: a `.dir` in `keep` does not keep
   * its files by itself) and sweeps temp files left by interrupted writes.
   */
  gc(keep: ReadonlySet<string>): GcResult {
    const result: GcResult = { removedObjects: 0, removedBytes: 0, removedTemps: 0 };
    const shards = namesIn(this.dir);
    for (const shard of shards) {
      const shardDir = path.join(this.dir, shard);
      if (isTempName(shard)) {
        // an interrupted ingest (temp files are written at the objects root first); one whose
        // writer still runs is being written (a pull, an add of another project sharing the cache)
        if (!tempWriterAlive(shard)) {
          removeTreeSync(shardDir);
          result.removedTemps++;
        }
        continue;
      }
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const rest of fs.readdirSync(shardDir)) {
        const p = path.join(shardDir, rest);
        if (isTempName(rest)) {
          if (!tempWriterAlive(rest)) {
            removeTreeSync(p);
            result.removedTemps++;
          }
          continue;
        }
        if (keep.has(shard + rest)) continue;
        const size = fs.statSync(p).size;
        fs.rmSync(p, { force: true });
        result.removedObjects++;
        result.removedBytes += size;
      }
      if (fs.readdirSync(shardDir).length === 0) fs.rmdirSync(shardDir);
    }
    return result;
  }
}

/** A relpath with an empty, `.` or `..` segment (a leading or trailing `/`, `//`, `./`, `/..`). */
const BAD_SEGMENT = /(?:^|\/)(?:\.{1,2})?(?:\/|$)/;

export function parseManifest(text: string): ManifestEntry[] | undefined {
  try {
    const data: unknown = JSON.parse(text);
    if (!Array.isArray(data)) return undefined;
    for (let i = 0; i < data.length; i++) {
      const e: unknown = data[i];
      const { relpath, hash, isexec } = (e ?? {}) as Record<string, unknown>;
      if (typeof relpath !== 'string' || typeof hash !== 'string' || !isValidHash(hash)) return undefined;
      // A manifest must never write outside its directory.
      // (an empty, `.` or `..` segment, checked without splitting each path)
      if (BAD_SEGMENT.test(relpath)) return undefined;
      if (isexec !== undefined && isexec !== true) return undefined; // pipe writes it only as true
      // the parsed object itself where it holds just these keys (as pipe writes them): a copy of
      // each entry doubled the memory a 50,000-file manifest takes while it is read
      let keys = 0;
      for (const _ in e as object) keys++;
      if (keys !== (isexec === true ? 3 : 2)) data[i] = isexec === true ? { relpath, hash, isexec } : { relpath, hash };
    }
    return data as ManifestEntry[];
  } catch {
    return undefined;
  }
}

function summarize(problems: ObjectCheck['problems']): ObjectCheck {
  if (problems.length === 0) return { status: 'ok', problems };
  problems.sort((a, b) => (a.relpath ?? '').localeCompare(b.relpath ?? ''));
  return { status: problems.some((p) => p.status === 'corrupt') ? 'corrupt' : 'missing', problems };
}

/** Hash of a stored object's bytes, or undefined if it does not exist. */
export async function hashObjectFile(abs: string): Promise<string | undefined> {
  const bytes = readSmallSync(abs);
  if (bytes === undefined) return undefined;
  if (bytes !== 'large') return hashBytes(bytes);
  let fh: fs.promises.FileHandle;
  try {
    fh = await fs.promises.open(abs, 'r');
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
  try {
    const h = createIncrementalHash();
    const buf = Buffer.allocUnsafe(COPY_CHUNK);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      h.update(buf.subarray(0, bytesRead));
    }
    return h.digest();
  } finally {
    await fh.close();
  }
}

/**
 * Copies the object file `objAbs` to `destAbs` (a new path in a folder that exists, which the
 * caller renames or removes) while hashing it; a small object through one synchronous read and
 * write. Returns the hash of the bytes written (undefined: no such object). The caller compares
 * it with the object's name, so a corrupt copy is found before it is put in place.
 */
async function copyObjectTo(objAbs: string, destAbs: string): Promise<string | undefined> {
  const bytes = readSmallSync(objAbs);
  if (bytes === undefined) return undefined;
  if (bytes === 'large') return copyHashing(objAbs, destAbs);
  const hash = hashBytes(bytes);
  const fd = fs.openSync(destAbs, 'w');
  try {
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
  } finally {
    fs.closeSync(fd);
  }
  return hash;
}

/**
 * Copies src to dest (a temp path the caller owns and renames or removes) while hashing the bytes
 * copied. Returns their hash, or undefined if src does not exist.
 */
export async function copyHashing(srcAbs: string, destAbs: string): Promise<string | undefined> {
  let src: fs.promises.FileHandle;
  try {
    src = await fs.promises.open(srcAbs, 'r');
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
  try {
    await fs.promises.mkdir(path.dirname(destAbs), { recursive: true });
    const out = await fs.promises.open(destAbs, 'w');
    try {
      const h = createIncrementalHash();
      const buf = Buffer.allocUnsafe(COPY_CHUNK);
      for (;;) {
        const { bytesRead } = await src.read(buf, 0, buf.length, null);
        if (bytesRead === 0) break;
        const chunk = buf.subarray(0, bytesRead);
        h.update(chunk);
        await out.write(chunk);
      }
      return h.digest();
    } finally {
      await out.close();
    }
  } finally {
    await src.close();
  }
}

/**
 * Whether the process that writes the temp file `name` (`.tmp-<name>-<pid>-<8 hex>`, tempPathFor)
 * still runs: this one, or another alive. A name without a pid is an old pipe's: not known alive.
 */
function tempWriterAlive(name: string): boolean {
  const pid = Number(/-(\d+)-[0-9a-f]{8}$/.exec(name)?.[1]);
  return Number.isInteger(pid) && pid > 0 && (pid === process.pid || isAlive(pid));
}

/**
 * Moves what `filter` ignores in the folder `target` (if it is one) to the same place in `tmpDir`,
 * the folder about to replace it: renames within one file system, so nothing is copied, and a
 * file's inode, mtime and links stay as they were.
 */
async function carryIgnored(filter: ProjectFilter, target: string, tmpDir: string): Promise<void> {
  const st = await fs.promises.lstat(target).catch(() => undefined);
  if (!st?.isDirectory()) return;
  for (const rel of ignoredEntries(filter, target)) {
    const dest = path.join(tmpDir, ...rel.split('/'));
    await removeTree(dest);
    await fs.promises.mkdir(path.dirname(dest), { recursive: true });
    await fs.promises.rename(path.join(target, ...rel.split('/')), dest);
  }
}

/** Puts `tmp` (file or dir) at `target`, replacing what is there. */
async function replacePath(tmp: string, target: string): Promise<void> {
  let st: fs.Stats | undefined;
  try {
    st = await fs.promises.lstat(target);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const tmpIsDir = (await fs.promises.lstat(tmp)).isDirectory();
  if (st === undefined || (!st.isDirectory() && !tmpIsDir)) {
    // rename over a file (or nothing) is atomic
    await fs.promises.rename(tmp, target);
    return;
  }
  // A directory cannot be renamed over a non-empty one: move the old one aside first, then
  // delete it. The window where target is absent is one rename long; a crash there leaves the
  // old content in a `.tmp-` sibling that the next restore or gc sweeps.
  const aside = tempPathFor(target);
  await fs.promises.rename(target, aside);
  await fs.promises.rename(tmp, target);
  // the old folder may hold read-only folders (a stage's `chmod -R a-w`): removeTree handles them
  await removeTree(aside);
}
