// Project-relative path handling: everything the engine stores is root-relative POSIX.
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
