// Where each store lives under a project root. One place, so that the engine, the remote and
// `pipe gc` agree on the on-disk layout described in docs/ARCHITECTURE.md.
import path from 'node:path';
import { cacheRoot } from './cache-location.js';

/** Local, never committed state: stat cache, repro lock, temp files. */
export const STATE_DIR = '.pipe';
/**
 * Content-addressed cache root (objects/ and runs/), below the project root unless `cache.dir` or
 * $PIPE_CACHE_DIR puts it elsewhere (cache-location.ts).
 */
export const CACHE_DIR = 'cache';
export const LOCK_FILE = 'pipeline.lock';
/**
 * Where `pipe repro` writes experiment records (src/experiments/schema.ts). pipe's own files, not
 * the user's: a walk of a folder holding it leaves it out (pipeignore.ts folderFilter), so a stage
 * with `deps: [metrics]` does not change with every record.
 */
export const RECORDS_DIR = 'metrics/experiments';

export function stateDir(projectRoot: string): string {
  return path.join(projectRoot, STATE_DIR);
}
export function objectsDir(projectRoot: string): string {
  return path.join(cacheRoot(projectRoot), 'objects');
}
export function runsDir(projectRoot: string): string {
  return path.join(cacheRoot(projectRoot), 'runs');
}

/** `ab/cdef…` for hash `abcdef…` (the `.dir` suffix stays on the name). */
export function shardedName(hash: string): string {
  return `${hash.slice(0, 2)}/${hash.slice(2)}`;
}

/** A hash this project can produce: 64 lowercase hex digits, optionally followed by `.dir`. */
export function isValidHash(hash: string): boolean {
  return /^[0-9a-f]{64}(\.dir)?$/.test(hash);
}
