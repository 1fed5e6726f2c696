// The run-cache: cache/runs/<hh>/<rest-of-key>/<entry>. A key is a fingerprint the engine computes
// from a stage's cmd, dep hashes, param values and out paths; each entry (one file, canonical JSON,
// named by its own fingerprint) records the outs that a run with that key produced (an executable
// file's with `isexec: true`, which no other entry has, so older entries keep their ids). Entries are
// written atomically and never modified, so concurrent writers can only add identical files.
import fs from 'node:fs';
import path from 'node:path';
import type { HashInfo } from './types.js';
import { runsDir, shardedName, isValidHash } from './layout.js';
import { canonicalJson, fingerprint } from './canonical.js';
import { writeFileAtomic, isTempName } from './atomic.js';
import { isNotFound, namesIn } from './hash-path.js';

const ENTRY_VERSION = 1;

/** What one run of a stage produced. */
export interface RunEntry {
  /** Stage name when it ran (informational: the key, not the name, decides a hit). */
  stage: string;
  /** Out path (project-relative) → its content. */
  outs: Record<string, HashInfo>;
  /** ISO time the entry was written (informational). */
  createdAt?: string;
}

/** A run-cache entry as found on disk. */
export interface StoredRunEntry {
  key: string;
  /** The entry's file name: fingerprint of its content. */
  id: string;
  entry: RunEntry;
}

export class RunCache {
  readonly dir: string;

  constructor(readonly projectRoot: string, dir?: string) {
    this.dir = dir ?? runsDir(projectRoot);
  }

  /** Directory holding the entries of `key`. */
  keyDir(key: string): string {
    return path.join(this.dir, shardedName(key));
  }

  /** Records an entry under `key`; returns its id. Writing the same entry twice is a no-op. */
  async put(key: string, entry: RunEntry): Promise<string> {
    assertKey(key);
    const { text, id } = encodeRunEntry(entry);
    const file = path.join(this.keyDir(key), id);
    if (!fs.existsSync(file)) await writeFileAtomic(file, text);
    return id;
  }

  /** Entries recorded under `key`, newest first; unreadable entries are skipped. */
  get(key: string): StoredRunEntry[] {
    assertKey(key);
    let names: string[];
    try {
      names = fs.readdirSync(this.keyDir(key));
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
    const out: StoredRunEntry[] = [];
    for (const id of names) {
      if (isTempName(id)) continue;
      const entry = this.readEntry(key, id);
      if (entry) out.push({ key, id, entry });
    }
    return out.sort((a, b) => (b.entry.createdAt ?? '').localeCompare(a.entry.createdAt ?? '') || a.id.localeCompare(b.id));
  }

  /** One entry, or undefined if missing or not a valid entry (a bad entry is never trusted). */
  readEntry(key: string, id: string): RunEntry | undefined {
    const text = this.readText(key, id);
    return text === undefined ? undefined : decodeRunEntry(text, id);
  }

  /** One entry's bytes as stored, unchecked, or undefined if missing. */
  readText(key: string, id: string): string | undefined {
    try {
      return fs.readFileSync(path.join(this.keyDir(key), id), 'utf8');
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Every (key, id) pair in the run-cache. */
  list(): { key: string; id: string }[] {
    const out: { key: string; id: string }[] = [];
    const shards = namesIn(this.dir);
    for (const shard of shards) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const rest of fs.readdirSync(path.join(this.dir, shard))) {
        if (isTempName(rest)) continue;
        const key = shard + rest;
        if (!/^[0-9a-f]{64}$/.test(key)) continue; // not a key this project writes
        for (const id of fs.readdirSync(path.join(this.dir, shard, rest))) {
          if (!isTempName(id)) out.push({ key, id });
        }
      }
    }
    return out.sort((a, b) => a.key.localeCompare(b.key) || a.id.localeCompare(b.id));
  }

  /** Removes run entries for which `keep` returns false (e.g. whose outs are gone from the cache). */
  prune(keep: (e: StoredRunEntry) => boolean): number {
    let removed = 0;
    for (const { key, id } of this.list()) {
      const entry = this.readEntry(key, id);
      if (entry && keep({ key, id, entry })) continue;
      fs.rmSync(path.join(this.keyDir(key), id), { force: true });
      removed++;
      const dir = this.keyDir(key);
      if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
    }
    return removed;
  }
}

/** The bytes and id of an entry as stored (shared with the remote, which checks ids on arrival). */
export function encodeRunEntry(entry: RunEntry): { text: string; id: string } {
  const body = { v: ENTRY_VERSION, stage: entry.stage, outs: entry.outs, createdAt: entry.createdAt };
  return { text: canonicalJson(body), id: fingerprint(body) };
}

/** Parses an entry; with `id`, also checks the content still hashes to it. */
export function decodeRunEntry(text: string, id?: string): RunEntry | undefined {
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    if (data.v !== ENTRY_VERSION || typeof data.stage !== 'string') return undefined;
    if (typeof data.outs !== 'object' || data.outs === null || Array.isArray(data.outs)) return undefined;
    const outs: Record<string, HashInfo> = {};
    for (const [p, v] of Object.entries(data.outs as Record<string, unknown>)) {
      const { hash, size, nfiles, isexec } = (v ?? {}) as Record<string, unknown>;
      if (typeof hash !== 'string' || !isValidHash(hash) || typeof size !== 'number' || typeof nfiles !== 'number') return undefined;
      if (isexec !== undefined && isexec !== true) return undefined;
      outs[p] = isexec === true ? { hash, size, nfiles, isexec } : { hash, size, nfiles };
    }
    const entry: RunEntry = { stage: data.stage, outs };
    if (typeof data.createdAt === 'string') entry.createdAt = data.createdAt;
    if (id !== undefined && encodeRunEntry(entry).id !== id) return undefined;
    return entry;
  } catch {
    return undefined;
  }
}

function assertKey(key: string): void {
  if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`run-cache key must be a 64-hex fingerprint, got ${JSON.stringify(key)}`);
}
