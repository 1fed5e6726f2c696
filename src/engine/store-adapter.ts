// The engine's one door into src/stores (the stores engineer's public API).
export {
  openStores, readLock, parseLock, renderLock, updateLockStage, LockUpdater, fingerprint, canonicalJson, acquireReproLock, reproLockHolder, pipeCommandOf,
  compareCodeUnits, encodeManifest, dirHashOfManifest, hashBytes,
  YamlValueCache, yamlLib, convertDocument, heldByCache, restoredHash, seenAsRecorded, execAsRecorded, loadIgnoreRules, ruleHiding, PIPEIGNORE_FILE,
  TRACKING_SUFFIX, parseTrackingFile, writeTrackingFile, renderTrackingFile, writeFileAtomic, writeFilesTogether, tempPathFor, removeTree, removeTreeSync, RemoveTreeError, deadRestoreTemps, sweepDeadRestoreTemps,
  CACHE_DIR, LOCK_FILE, STATE_DIR, PROJECT_CONFIG_FILE, MERGE_CONFLICT, conflictAt, resolveHint,
  type Stores, type ReproLock, type LockEntry, type LockStage, type LockFile, type HashInfo, type ManifestEntry, type RunEntry, type StoreFailure, type TrackingFile, type TrackingSource, type TrackingTransfer, type FileWrite, type HashSource,
} from '../stores/index.js';
