// Restoring a big folder output where only a few files differ, without rewriting the rest. A
// folder restore builds the new folder in a temp sibling and swaps it in (objects.ts), so the
// folder is the old one or the new one, never a mix; this fills that temp folder with hard links
// to the files the workspace folder already holds as recorded (same content, same exec bit), so
// only the files that differ are copied from the cache. A link writes nothing: the old folder
// stays whole until the swap, and the linked files keep their inode, mtime and bytes, so the stat
// cache still knows them and the next `pipe status` re-reads only the copied files.
//
// Which files match is what `pipe status` decides by: the hasher, whose stat cache re-reads only
// files whose size, mtime or inode changed. A file is linked only when it is a regular file (not
// a symlink, which a restore replaces by the file it records), in a real folder of the output
// (not through a symlinked subfolder, whose files belong to another tree), and has no other hard
// link (a file shared with a path outside the output could be changed from there; a restore gives
// the output its own copy, as it always did). Anything else, and every file on a file system
// without hard links, is copied from the cache and re-hashed as before. Cache objects are never
// linked: they are only ever copied (objects.ts), so no output file shares an inode with one.
// A file written to between the hasher's look and its link (a restore runs under the repro lock,
// so not by pipe) is kept as written, as if edited just after the restore: its new mtime makes
// the next `pipe status` hash it again and call the output modified, never silently wrong.
import fs from 'node:fs';
import path from 'node:path';
import type { Hasher } from './hash-path.js';
import type { ManifestEntry } from './types.js';

/** A link error that says this file system (or this folder) makes no hard links at all. */
const NO_LINKS = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Hard-links into `tmpDir` each `wanted` file that the folder `target` (project-relative
 * `relPath`) already holds as wanted; returns the entries still to be copied from the cache, in
 * their order. Where `target` is not a real folder (missing, a file, a symlink), links nothing.
 */
export async function linkUnchanged(hasher: Hasher, relPath: string, target: string, tmpDir: string, wanted: readonly ManifestEntry[]): Promise<ManifestEntry[]> {
  if (lstatOrUndefined(target)?.isDirectory() !== true) return [...wanted];
  // the wanted files by path, and the workspace folder walked file by file against them: no
  // manifest of the folder as it is is built (for 50,000 files that was the restore's peak memory)
  const want = new Map<string, ManifestEntry>();
  for (const e of wanted) want.set(e.relpath, e);
  // per folder of the output ('' for itself): reached from target through real folders only
  const realDirs = new Map<string, boolean>([['', true]]);
  const isRealDir = (rel: string): boolean => {
    let known = realDirs.get(rel);
    if (known === undefined) {
      const slash = rel.lastIndexOf('/');
      known = isRealDir(slash < 0 ? '' : rel.slice(0, slash)) && lstatOrUndefined(path.join(target, ...rel.split('/')))?.isDirectory() === true;
      realDirs.set(rel, known);
    }
    return known;
  };
  const made = new Set<string>(['']);
  const linked = new Set<string>();
  const link = (relpath: string, hash: string, isexec: boolean): boolean => {
    const e = want.get(relpath);
    if (e === undefined || e.hash !== hash || (e.isexec === true) !== isexec) return true;
    const slash = relpath.lastIndexOf('/');
    const dir = slash < 0 ? '' : relpath.slice(0, slash);
    const parts = relpath.split('/');
    const src = path.join(target, ...parts);
    const file = isRealDir(dir) ? lstatOrUndefined(src) : undefined;
    if (file === undefined || !file.isFile() || file.nlink !== 1) return true;
    if (!made.has(dir)) {
      fs.mkdirSync(path.join(tmpDir, ...dir.split('/')), { recursive: true });
      made.add(dir);
    }
    try {
      fs.linkSync(src, path.join(tmpDir, ...parts));
    } catch (err) {
      // gone meanwhile (the cache has the bytes), or no links here at all: stop linking
      return !NO_LINKS.has((err as NodeJS.ErrnoException).code ?? '');
    }
    linked.add(relpath);
    return true;
  };
  try {
    hasher.eachFolderFile(relPath, link);
  } catch (err) {
    // a folder the hasher cannot read (no permission): the cache has every byte
    if (typeof (err as NodeJS.ErrnoException).code !== 'string') throw err;
  }
  return linked.size === 0 ? [...wanted] : wanted.filter((e) => !linked.has(e.relpath));
}

/** lstat, or undefined where the path is gone or cannot be looked at. */
function lstatOrUndefined(abs: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(abs, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
