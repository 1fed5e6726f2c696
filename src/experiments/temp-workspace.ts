// `pipe exp run --temp`: the experiment runs in a git worktree of HEAD beside the repository
// (`../.<repo>-exp-<id>/`), with the workspace's uncommitted changes copied in and the project's
// cache/ and node_modules/ linked, so params.yaml, pipeline.lock and data/ of the workspace stay
// as they are while a long training runs, and the user can go on editing. Beside, not inside:
// a relative path that leaves the repository (`ingest.source: ../shared/data/fer2013`) then
// names the same folder from the worktree as from the workspace. What the run produces comes back
// through the shared cache and its experiment record (copied into metrics/experiments/); `pipe
// exp apply` restores it. `.pipe/exps/<id>.pid` names the `pipe exp run` that owns a worktree.
import { copyFile, lstat, mkdir, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { CACHE_DIR, STATE_DIR, stateDir } from '../stores/layout.js';
import { isAlive } from '../stores/repro-lock.js';
import { refuse, success, type Outcome } from './failure.js';
import { readIfExists, writeFileAtomic } from './files.js';
import { addWorktree, changedPaths, removeWorktree, repoPrefix, resolveCommit, topLevel } from './git.js';
import { EXPERIMENTS_DIR } from './schema.js';
import { newExperimentId } from './store.js';

/** Folder of the owner files of temp experiments, under the project's local state. */
export function tempOwnersDir(root: string): string {
  return join(stateDir(root), 'exps');
}

/** Where the worktree of temp experiment `id` lives: a hidden folder beside the repository. */
export function tempWorktreeDir(top: string, id: string): string {
  return join(dirname(top), `.${basename(top)}-exp-${id}`);
}

export interface TempWorkspace {
  /** the worktree's folder */
  dir: string;
  /** the project inside it (the worktree itself, or the same subfolder the project is in) */
  root: string;
  /** records this run added to its metrics/experiments/, copied into the workspace's; their ids */
  copyRecordsBack(): Promise<string[]>;
  /** removes the worktree and its owner file */
  remove(): Promise<void>;
}

/** A running temp experiment: its id and the pid of the `pipe exp run` that owns it. */
export interface RunningTemp {
  id: string;
  pid: number;
}

const OWNER_SUFFIX = '.pid';

export async function createTempWorkspace(root: string): Promise<Outcome<TempWorkspace>> {
  const top = await topLevel(root);
  const prefix = await repoPrefix(root);
  if (top === undefined || prefix === undefined || (await resolveCommit(root, 'HEAD')) === undefined) {
    return refuse(`--temp runs the experiment in a git worktree of HEAD, and ${root} is not in a git repository with a commit`, {
      hint: 'commit the project to git first, or run without --temp',
      exitCode: 2,
    });
  }
  const changed = await changedPaths(top);
  if (changed === undefined) return refuse(`cannot list the uncommitted changes of ${top} (git diff failed)`);
  await pruneStale(root, top);
  const owners = tempOwnersDir(root);
  await mkdir(owners, { recursive: true });
  const id = newExperimentId(new Date());
  const dir = tempWorktreeDir(top, id);
  const owner = join(owners, id + OWNER_SUFFIX);
  const remove = async (): Promise<void> => {
    await removeWorktree(top, dir);
    await rm(dir, { recursive: true, force: true });
    await rm(owner, { force: true });
  };
  // the owner file first: from here on `pipe gc` sees a run in progress
  await writeFile(owner, `${process.pid}\n`);
  if (!(await addWorktree(top, dir))) {
    await remove();
    return refuse(`git could not add a worktree at ${dir}`, { hint: 'is the folder above the repository writable? Run without --temp meanwhile' });
  }
  const wsRoot = join(dir, prefix);
  try {
    // The project's local state and cache never travel: the worktree gets links to the cache
    // and to the node_modules/ folders a stage's `node` resolves packages from.
    const skip = [`${prefix}${STATE_DIR}/`, `${prefix}${CACHE_DIR}/`];
    for (const p of changed) if (!skip.some((s) => p.startsWith(s))) await mirror(join(top, p), join(dir, p));
    await mkdir(join(root, CACHE_DIR), { recursive: true });
    await rm(join(wsRoot, CACHE_DIR), { recursive: true, force: true });
    await symlink(join(root, CACHE_DIR), join(wsRoot, CACHE_DIR), 'dir');
    await linkNodeModules(top, root, dir);
  } catch (err) {
    await remove();
    throw err;
  }
  // records already there (committed, or copied as uncommitted changes) are not this run's
  const before = new Set(await recordFiles(wsRoot));
  return success({
    dir,
    root: wsRoot,
    async copyRecordsBack() {
      const ids: string[] = [];
      for (const n of await recordFiles(wsRoot)) {
        if (before.has(n)) continue;
        await writeFileAtomic(join(root, EXPERIMENTS_DIR, n), await readFile(join(wsRoot, EXPERIMENTS_DIR, n), 'utf8'));
        ids.push(n.slice(0, -'.json'.length));
      }
      return ids;
    },
    remove,
  });
}

/** Links each node_modules/ from the project folder up to the repository's top into the worktree. */
async function linkNodeModules(top: string, root: string, dir: string): Promise<void> {
  for (let d = root; ; d = dirname(d)) {
    const from = join(d, 'node_modules');
    const to = join(dir, relative(top, d), 'node_modules');
    if ((await lstat(from).catch(() => undefined)) !== undefined && (await lstat(to).catch(() => undefined)) === undefined) {
      await symlink(from, to, 'dir');
    }
    if (d === top || dirname(d) === d) break;
  }
}

async function recordFiles(root: string): Promise<string[]> {
  try {
    return (await readdir(join(root, EXPERIMENTS_DIR))).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  } catch {
    return [];
  }
}

/** Puts what is at `from` (file or symlink) at `to`, or removes `to` when `from` is gone. */
async function mirror(from: string, to: string): Promise<void> {
  const st = await lstat(from).catch(() => undefined);
  await rm(to, { recursive: true, force: true });
  if (st === undefined) return;
  await mkdir(dirname(to), { recursive: true });
  if (st.isSymbolicLink()) await symlink(await readlink(from), to);
  else if (st.isFile()) await copyFile(from, to); // keeps the mode (an executable stays one)
}

/** Temp experiments (owner files in .pipe/exps/) whose `pipe exp run` is still alive. */
export async function runningTempExperiments(root: string): Promise<RunningTemp[]> {
  const running: RunningTemp[] = [];
  for (const { id, pid } of await owners(root)) if (pid !== undefined && isAlive(pid)) running.push({ id, pid });
  return running;
}

async function owners(root: string): Promise<{ id: string; pid: number | undefined }[]> {
  let names: string[];
  try {
    names = await readdir(tempOwnersDir(root));
  } catch {
    return [];
  }
  const found: { id: string; pid: number | undefined }[] = [];
  for (const n of names.filter((x) => x.endsWith(OWNER_SUFFIX)).sort()) {
    const text = await readIfExists(join(tempOwnersDir(root), n));
    const pid = Number(text?.trim());
    found.push({ id: n.slice(0, -OWNER_SUFFIX.length), pid: Number.isInteger(pid) && pid > 0 ? pid : undefined });
  }
  return found;
}

/** Removes the worktrees of temp experiments whose `pipe exp run` died (killed, machine restarted). */
async function pruneStale(root: string, top: string): Promise<void> {
  for (const { id, pid } of await owners(root)) {
    if (pid !== undefined && isAlive(pid)) continue;
    const dir = tempWorktreeDir(top, id);
    await removeWorktree(top, dir);
    await rm(dir, { recursive: true, force: true });
    await rm(join(tempOwnersDir(root), id + OWNER_SUFFIX), { force: true });
  }
}
