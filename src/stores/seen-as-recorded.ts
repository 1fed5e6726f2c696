// Whether an output is what pipeline.lock (or a `.pipe` file) records, as the project's .pipeignore
// and the record's age show it. A folder recorded before a .pipeignore line hid some of its files
// (a `*.log` added after the run) now hashes without them, so its hash differs from the recorded
// one, yet a restore would put back exactly what is there (a restore writes no ignored file:
// objects.ts): restoring it again on every run would change nothing. Likewise the exec bit
// (exec-bit.ts): a record says `isexec: true` for each executable file and nothing for the others,
// and a pipe from before the bit was recorded said nothing for any; a file or folder that has
// every bit its record asks for, and perhaps more, is as recorded (a restore would only take bits
// away, and a stage may need them), while a recorded bit the workspace lacks is a change that a
// restore mends. Such an output counts as up to date; the lock keeps what it recorded until the
// stage next runs or `pipe commit -f` records it anew.
import type { Hasher } from './hash-path.js';
import { dirHashOfManifest, encodeManifest, normalizeRel } from './hash-path.js';
import type { ObjectCache } from './objects.js';
import { folderFilter } from './pipeignore.js';
import { execAsRecorded } from './exec-bit.js';
import type { HashInfo, ManifestEntry } from './types.js';

/** `have`: the path now (undefined: missing); `recorded`: what the lock records for it. */
export function seenAsRecorded(
  objects: ObjectCache,
  hasher: Hasher,
  path: string,
  have: HashInfo | undefined,
  recorded: { hash: string; isexec?: boolean },
): boolean {
  if (have === undefined) return false;
  if (have.hash === recorded.hash) return execAsRecorded(have, recorded);
  // only reached when they differ, and only then is a manifest read
  if (!have.hash.endsWith('.dir') || !recorded.hash.endsWith('.dir')) return false;
  const manifest = objects.readManifest(recorded.hash);
  if (manifest === undefined) return false;
  const filter = folderFilter(hasher.ignoreRules(), normalizeRel(path));
  const visible = filter === undefined ? manifest : manifest.filter((e) => !filter.ignores(e.relpath, false));
  if (visible.length < manifest.length && dirHashOfManifest(encodeManifest(visible)) === have.hash) return true;
  // exec bits the record lacks: the same files, the same contents
  if (have.nfiles !== visible.length) return false;
  const now = hasher.hashPathDetailedSync(path)?.manifest;
  return now !== undefined && sameButExecGained(now, visible);
}

/** Same relpaths and hashes, in order, and every exec bit `recorded` has is in `now`. */
function sameButExecGained(now: ManifestEntry[], recorded: ManifestEntry[]): boolean {
  if (now.length !== recorded.length) return false;
  for (let i = 0; i < now.length; i++) {
    const a = now[i] as ManifestEntry;
    const b = recorded[i] as ManifestEntry;
    if (a.relpath !== b.relpath || a.hash !== b.hash || !execAsRecorded(a, b)) return false;
  }
  return true;
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
