// The stores layer's public API: everything the engine, the CLI and the remote use. Import from
// here ('../stores/index.js'), not from the files behind it. See docs/ARCHITECTURE.md for formats.
//
// Typical engine flow for one stage (all paths project-relative, `/`-separated):
//   const stores = openStores(root);                    // once per command
//   const lock = await acquireReproLock(root, { waitMs }); if (!lock.ok) → "locked by pid N"
//   const dep = await stores.hasher.hashPath('data/x');  // {hash,size,nfiles} | undefined
//   const key = fingerprint({ v: 1, cmd, deps, params, outs });
//   stores.runs.get(key) → earlier results; stores.objects.restore(hash, path, {isexec}) → ok|missing|corrupt
//   after a successful run: stores.objects.save(out, stores.hasher); stores.runs.put(key, entry);
//   await updateLockStage(root, name, stageEntry);
//   stores.hasher.save(); lock.lock.release();
import { Hasher } from './hash-path.js';
import { ObjectCache } from './objects.js';
import { RunCache } from './run-cache.js';
import type { StatCache } from './stat-cache.js';

// Value types and failures
export type { HashInfo, ManifestEntry, SourceLocation, StoreFailure, Result } from './types.js';
export { formatLocation } from './types.js';

// Layout of the project's stores
export { PROJECT_CONFIG_FILE } from './project-config.js';
export { STATE_DIR, CACHE_DIR, LOCK_FILE, stateDir, objectsDir, runsDir, shardedName, isValidHash } from './layout.js';
export { CACHE_DIR_ENV, cacheRoot, locateCache, type CacheLocation } from './cache-location.js';

// Canonical JSON and fingerprints (callers include a version field in what they fingerprint)
export { canonicalJson, fingerprint, compareCodeUnits } from './canonical.js';

// Hashing: sha256 via hasha; files, bytes, workspace paths with a stat cache
export { HASH_ALGORITHM, hashBytes, hashFile, hashFileSync } from './hash-adapter.js';
export { StatCache, STAT_CACHE_FILE, type StatSignature } from './stat-cache.js';
export { Hasher, hashPath, normalizeRel, encodeManifest, dirHashOfManifest, type HashedPath, type HasherOptions, type HashSource } from './hash-path.js';

// Content-addressed objects (cache/objects) and the run-cache (cache/runs)
export { ObjectCache, parseManifest, type ObjectCheck, type RestoreOptions, type VerifyStatus, type GcResult } from './objects.js';
export { execAsRecorded } from './exec-bit.js';
export { RunCache, encodeRunEntry, decodeRunEntry, type RunEntry, type StoredRunEntry } from './run-cache.js';

// pipeline.lock
export {
  LOCK_SCHEMA, emptyLock, lockPath, readLock, parseLock, renderLock, writeLock, updateLockStage, LockUpdater,
  type LockEntry, type LockStage, type LockFile,
} from './lockfile.js';

// `<path>.pipe` tracking files (`pipe add`)
export { IMPORTED_SCHEMA, TRACKING_SCHEMA, TRACKING_SUFFIX, parseTrackingFile, renderTrackingFile, writeTrackingFile, type TrackingFile, type TrackingSource, type TrackingTransfer } from './tracking-file.js';

// Parsed values of YAML files seen before (.pipe/yaml-cache.json), keyed by their text
export { YamlValueCache } from './yaml-value-cache.js';
export { yamlLib } from './yaml-lib.js';
export { convertDocument } from './yaml-adapter.js';
export { MERGE_CONFLICT, conflictAt, resolveHint } from './merge-conflict.js';

// The project's repro lock (.pipe/repro.lock)
export {
  acquireReproLock, tryAcquireReproLock, reproLockHolder, reproLockPath, isAlive, pipeCommandOf,
  type ReproLock, type AcquireResult, type AcquireOptions,
} from './repro-lock.js';

// Crash-safe writes (temp + rename), for anyone writing state files
export { writeFileAtomic, writeFileAtomicSync, isTempName, tempPathFor } from './atomic.js';
export { writeFilesTogether, type FileWrite } from './write-together.js';
// rm -rf that makes read-only folders inside writable first (a stage's `chmod -R a-w`)
export { removeTree, removeTreeSync, RemoveTreeError } from './remove-tree.js';
export { deadRestoreTemps, sweepDeadRestoreTemps, type StuckTemp } from './restore-temps.js';
export { heldByCache } from './held-by-cache.js';
export { restoredHash, seenAsRecorded } from './seen-as-recorded.js';
export { loadIgnoreRules, ruleHiding, PIPEIGNORE_FILE, type IgnoreRules } from './pipeignore.js';

/** The three stores of one project, sharing one stat cache. */
export interface Stores {
  projectRoot: string;
  hasher: Hasher;
  objects: ObjectCache;
  runs: RunCache;
}

/**
 * Opens a project's stores (loads `.pipe/stat-cache.json` once). Call `stores.hasher.save()` at
 * the end of the command to persist the stat cache (written only if it changed).
 */
export function openStores(projectRoot: string, options: { statCache?: StatCache } = {}): Stores {
  return {
    projectRoot,
    hasher: new Hasher(projectRoot, options.statCache ? { statCache: options.statCache } : {}),
    objects: new ObjectCache(projectRoot),
    runs: new RunCache(projectRoot),
  };
}
