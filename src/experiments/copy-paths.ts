// `pipe exp run --temp/--queue -C/--copy-paths PATH` (DVC's `dvc exp run -C`): the worktree an
// experiment runs in gets HEAD and the uncommitted changes git lists, but not what git ignores (a
// credentials file, a local data folder nobody commits). The paths given are copied into it as
// well, when the worktree is made (for --queue: when it is queued, as the rest of its files).
import { copyFile, lstat, mkdir, readdir, readlink, rm, symlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CACHE_DIR, STATE_DIR } from '../stores/layout.js';
import { refuse, success, type Outcome } from './failure.js';

/**
 * Each of `given` (from `cwd`) as a path relative to the project `root`; refused (exit 2, nothing
 * made): one outside the project or the root itself, one that is not there, and pipe's own
 * state and cache (the worktree links the cache already).
 */
export async function checkCopyPaths(root: string, cwd: string, given: string[]): Promise<Outcome<string[]>> {
  const rels: string[] = [];
  for (const g of given) {
    const rel = relative(root, resolve(cwd, g)).split(sep).join('/');
    if (rel === '' || rel === '..' || rel.startsWith('../') || isAbsolute(rel)) {
      return refuse(`--copy-paths ${g}: ${rel === '' ? 'is the project itself' : 'is outside the project'}; give files or folders inside it (\`-C secrets.env -C data/local\`)`, { exitCode: 2 });
    }
    if ([STATE_DIR, CACHE_DIR].some((d) => rel === d || rel.startsWith(`${d}/`))) {
      return refuse(`--copy-paths ${g}: ${rel.split('/')[0] ?? rel}/ is pipe's own (the worktree shares the cache already); give the files a stage reads`, { exitCode: 2 });
    }
    if ((await lstat(join(root, rel)).catch(() => undefined)) === undefined) {
      return refuse(`--copy-paths ${g}: no such file or folder in ${root === cwd ? 'the project' : cwd}`, { exitCode: 2 });
    }
    if (!rels.includes(rel)) rels.push(rel);
  }
  return success(rels);
}

/** Copies `rel` (a file, symlink or folder, checked by checkCopyPaths) from `from` to `to`, over what is there. */
export async function copyPath(from: string, to: string, rel: string): Promise<void> {
  const src = join(from, rel);
  const dst = join(to, rel);
  const st = await lstat(src).catch(() => undefined);
  if (st === undefined) return;
  if (st.isDirectory()) {
    await mkdir(dst, { recursive: true });
    for (const name of await readdir(src)) await copyPath(from, to, `${rel}/${name}`);
    return;
  }
  await rm(dst, { recursive: true, force: true });
  await mkdir(dirname(dst), { recursive: true });
  if (st.isSymbolicLink()) await symlink(await readlink(src), dst);
  else if (st.isFile()) await copyFile(src, dst); // keeps the mode
}
