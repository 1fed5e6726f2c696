// status/--dry decide each stage on the hashes its deps will have when repro gets to it, not on
// today's files: an upstream stage restored from cache puts its outs back first, and a whole-
// pipeline repro removes the outputs of dropped foreach copies before anything runs. The overlay
// holds those paths (undefined: gone). A dep that is one of them takes its value; a folder dep
// holding some of them (`data/members`, where every `train@<seed>` writes) is hashed as it will
// be: today's files with those paths taken out and what goes there put in.
import { compareCodeUnits, dirHashOfManifest, encodeManifest, type HashInfo, type ManifestEntry, type Stores } from './store-adapter.js';
import { isWithin } from './paths.js';

export type Overlay = Map<string, HashInfo | undefined>;

/** The hash `path` will have, by the workspace and the overlay. */
export async function overlaidHash(path: string, overlay: Overlay | undefined, stores: Stores): Promise<HashInfo | undefined> {
  if (overlay === undefined || overlay.size === 0) return stores.hasher.hashPath(path);
  if (overlay.has(path)) return overlay.get(path);
  const inside = [...overlay.keys()].filter((p) => isWithin(p, path)).sort(compareCodeUnits);
  if (inside.length === 0) return stores.hasher.hashPath(path);
  const base = await stores.hasher.hashPathDetailed(path);
  // a file where the overlay has paths below it cannot be foreseen: the workspace's word
  if (base !== undefined && base.manifest === undefined) return base.info;
  let entries: ManifestEntry[] = base?.manifest ?? [];
  let size = base?.info.size ?? 0;
  let exists = base !== undefined;
  for (const p of inside) {
    const rel = p.slice(path.length + 1);
    const now = await stores.hasher.hashPath(p);
    if (now !== undefined) {
      size -= now.size;
      entries = entries.filter((e) => e.relpath !== rel && !e.relpath.startsWith(`${rel}/`));
    }
    const will = overlay.get(p);
    if (will === undefined) continue;
    if (will.hash.endsWith('.dir')) {
      const manifest = stores.objects.readManifest(will.hash);
      // not in the cache: repro could not put it there either, and runs the stage instead
      if (manifest === undefined) return stores.hasher.hashPath(path);
      entries.push(...manifest.map((e) => ({ ...e, relpath: `${rel}/${e.relpath}` })));
    } else {
      entries.push({ relpath: rel, hash: will.hash, ...(will.isexec === true ? { isexec: true as const } : {}) });
    }
    size += will.size;
    exists = true;
  }
  if (!exists) return undefined;
  entries.sort((a, b) => compareCodeUnits(a.relpath, b.relpath));
  return { hash: dirHashOfManifest(encodeManifest(entries)), size, nfiles: entries.length };
}
