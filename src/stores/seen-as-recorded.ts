// Whether an output is what pipeline.lock records, as the project's .pipeignore shows it. A folder
// recorded before a .pipeignore line hid some of its files (a `*.log` added after the run) now
// hashes without them, so its hash differs from the recorded one, yet a restore would put back
// exactly what is there (a restore writes no ignored file: objects.ts): restoring it again on
// every run would change nothing. Such an output counts as up to date; the lock keeps the hash
// it recorded until the stage next runs or `pipe commit -f` records the folder anew.
import type { Hasher } from './hash-path.js';
import { dirHashOfManifest, encodeManifest, normalizeRel } from './hash-path.js';
import type { ObjectCache } from './objects.js';
import { folderFilter } from './pipeignore.js';

/** `have`: the path's hash now (undefined: missing); `recorded`: the hash the lock records. */
export function seenAsRecorded(objects: ObjectCache, hasher: Hasher, path: string, have: string | undefined, recorded: string): boolean {
  if (have === recorded) return true;
  // only reached when they differ, and only a project with a .pipeignore reads a manifest
  if (have === undefined || !have.endsWith('.dir') || !recorded.endsWith('.dir')) return false;
  const filter = folderFilter(hasher.ignoreRules(), normalizeRel(path));
  if (filter === undefined) return false;
  const manifest = objects.readManifest(recorded);
  if (manifest === undefined) return false;
  const visible = manifest.filter((e) => !filter.ignores(e.relpath, false));
  return visible.length < manifest.length && dirHashOfManifest(encodeManifest(visible)) === have;
}

/**
 * The hash `path` will have once `recorded` is restored there: `recorded` itself, or, for a folder
 * some of whose files the .pipeignore now hides, the hash of the rest (a restore writes no ignored
 * file). `pipe status` and `repro --dry` decide the stages after a restore from it, as the repro
 * will find the folder.
 */
export function restoredHash(objects: ObjectCache, hasher: Hasher, path: string, recorded: string): string {
  if (!recorded.endsWith('.dir')) return recorded;
  const filter = folderFilter(hasher.ignoreRules(), normalizeRel(path));
  if (filter === undefined) return recorded;
  const manifest = objects.readManifest(recorded);
  if (manifest === undefined) return recorded;
  const visible = manifest.filter((e) => !filter.ignores(e.relpath, false));
  return visible.length < manifest.length ? dirHashOfManifest(encodeManifest(visible)) : recorded;
}
