// A directory remote inside the project (`pipe remote add backup ./backup`) puts the pushed
// objects in the workspace where git sees them: a `git add -A` commits the whole cache, and a
// `git clean` or a fresh clone loses the "backup". So `pipe remote add`, `pipe remote modify NAME
// url` and `pipe push` refuse one, naming where it resolves to, unless git ignores that folder
// (then git never sees it) or the project is in no git repository (nothing to commit it to).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The absolute directory `url` names when it is a directory remote (a path, taken from `root`
 * when relative, or a file:// URL) inside the project at `root`, the root itself included, that
 * git would see; undefined for one outside it, one git ignores, or another kind of remote.
 */
export function remoteDirInsideProject(root: string, url: string): string | undefined {
  let dir: string;
  if (/^file:/i.test(url)) {
    try {
      dir = fileURLToPath(url);
    } catch {
      return undefined; // not a usable file:// URL: openTransport says so
    }
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    return undefined;
  } else {
    dir = path.resolve(root, url);
  }
  const inside = (outer: string, inner: string) => inner === outer || inner.startsWith(outer.endsWith(path.sep) ? outer : outer + path.sep);
  // a symlinked temp folder (/tmp → /private/tmp) or a link to the project: both sides as the disk has them
  let rel: string;
  if (inside(path.resolve(root), dir)) rel = path.relative(root, dir);
  else if (inside(realOf(root), realOf(dir))) rel = path.relative(realOf(root), realOf(dir));
  else return undefined;
  return seenByGit(root, rel) ? path.join(path.resolve(root), rel) : undefined;
}

/**
 * Whether git would list what is pushed to `rel` (root-relative): the project is in a git work
 * tree and a file inside `rel` is not ignored. The root itself cannot be ignored.
 */
function seenByGit(root: string, rel: string): boolean {
  const probe = rel === '' ? '.pipe-remote-probe' : `${rel.split(path.sep).join('/')}/.pipe-remote-probe`;
  // exit 0: ignored; 1: not ignored; 128 (or no git at all): not in a git work tree
  const r = spawnSync('git', ['check-ignore', '-q', '--no-index', '--', probe], { cwd: root, stdio: 'ignore' });
  return r.status === 1 || (rel === '' && r.status === 0);
}

/** `p` with its deepest existing folder's symlinks resolved (the rest need not exist yet). */
function realOf(p: string): string {
  const rest: string[] = [];
  for (let d = path.resolve(p); ; d = path.dirname(d)) {
    try {
      return path.join(fs.realpathSync(d), ...rest.reverse());
    } catch {
      if (path.dirname(d) === d) return path.resolve(p);
      rest.push(path.basename(d));
    }
  }
}

/** The refusal's words: what is wrong with remote `shown` (as written) resolving to `dir`. */
export function insideProjectMessage(shown: string, dir: string, root: string): { message: string; hint: string } {
  const rel = path.relative(root, dir);
  return {
    message: `${shown} is a folder inside the project (${rel === '' ? 'the project root itself' : rel}) that git does not ignore: what is pushed there would sit in the workspace, where \`git add\` takes it in`,
    hint: `give a folder outside the project, such as ../${rel === '' ? `${path.basename(dir)}-remote` : path.basename(dir)} or an absolute path${rel === '' ? '' : `, or add /${rel.split(path.sep).join('/')}/ to .gitignore first`}`,
  };
}
