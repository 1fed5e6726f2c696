// Project-relative path handling: everything the engine stores is root-relative POSIX.
import { realpathSync } from 'node:fs';
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';

/** Resolves `p` (relative to `wdir`, itself root-relative) to a root-relative path, or
 *  undefined when it leaves the project root. The root itself is ''. */
export function toRootRelative(root: string, wdir: string, p: string): string | undefined {
  const abs = isAbsolute(p) ? resolve(p) : resolve(root, wdir, p);
  const rel = relative(root, abs);
  if (rel === '') return '';
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** true when `inner` is `outer` or lies inside it (both root-relative) */
export function isWithin(inner: string, outer: string): boolean {
  return inner === outer || outer === '' || inner.startsWith(outer + '/');
}

export function joinPosix(...parts: string[]): string {
  return posix.join(...parts);
}

/**
 * A dep path that may leave the project (an external dep, as DVC allows: the data a pipeline
 * reads from elsewhere): root-relative POSIX, `../` included; one written as an absolute path
 * outside the project stays absolute, as DVC records it, so a clone at another depth (CI, a
 * teammate's checkout) finds the same data and restores the stage. Undefined for the root itself
 * or a folder holding it (the dep would contain the cache and state pipe writes on every run).
 */
export function depRelative(root: string, wdir: string, p: string): string | undefined {
  const abs = isAbsolute(p) ? resolve(p) : resolve(root, wdir, p);
  const rel = relative(root, abs);
  if (rel === '' || isAbsolute(rel)) return undefined;
  if (rel.split(sep).every((part) => part === '..')) return undefined;
  // outside, it may still be a link to the project or to a folder above it
  if (rel.startsWith('..') && holdsRoot(root, abs)) return undefined;
  if (rel.startsWith('..') && isAbsolute(p)) return abs.split(sep).join('/');
  return rel.split(sep).join('/');
}

function holdsRoot(root: string, abs: string): boolean {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return false; // missing: reported as a missing dep
  }
  const fromIt = relative(real, realpathSync(root));
  return fromIt === '' || (!fromIt.startsWith('..') && !isAbsolute(fromIt));
}

/** true for a dep path that leaves the project (`../data`, `/mnt/data`) */
export function isExternal(rel: string): boolean {
  return rel === '..' || rel.startsWith('../') || isAbsolute(rel);
}
