// Whether overwriting a path loses nothing: `pipe checkout` and `pipe exp apply` ask before
// restoring over an output that differs from what they would put there.
import type { Hasher } from './hash-path.js';
import type { ObjectCache } from './objects.js';

/**
 * True when the current content of `path` (hashed as `hash`) is in the cache, or, for a folder,
 * every file it holds now is: files deleted from it, or old versions put back, lose nothing; a
 * file edited to something new does.
 */
export async function heldByCache(objects: ObjectCache, hasher: Hasher, path: string, hash: string): Promise<boolean> {
  if (objects.hasAll(hash)) return true;
  if (!hash.endsWith('.dir')) return false;
  // file by file, stopping at the first the cache lacks: no manifest of the folder built
  return hasher.eachFolderFile(path, (_, h) => objects.has(h)) === 'done';
}
