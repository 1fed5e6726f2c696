// `pipe exp run --temp` and `--queue`: the experiment runs in a git worktree of HEAD beside the
// repository (`../.<repo>-exp-<id>/`), made when the command is given, with the workspace's
// uncommitted changes copied in, the -S values written into its params files, and the project's
// cache/ and node_modules/ linked. So the workspace's params.yaml, pipeline.lock and data/ stay
// as they are while a long training runs, the user can go on editing, and a queued experiment
// runs the code as it was when it was queued. Beside, not inside: a relative path that leaves
// the repository (`ingest.source: ../shared/data/fer2013`) names the same folder from both.
// What a run produces comes back through the shared cache and its experiment record (copied
// into metrics/experiments/); `pipe exp apply` restores it.
//
// Bookkeeping in the project's .pipe/exps/: `<id>.json` describes a worktree (TempEntry),
// `<id>.pid`, put in place by an exclusive hard link with the pid already in it, claims it for the process running it, and `<id>.log` gets the
// run's output. An entry that is not queued and has no live claim was left by a killed run: the
// next temp run removes it. What is kept of a finished run: temp-finished.ts.
import { copyFile, link, lstat, mkdir, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { CACHE_DIR, STATE_DIR, stateDir } from '../stores/layout.js';
import { cacheRoot } from '../stores/cache-location.js';
import { isAlive } from '../stores/repro-lock.js';
import { copyPath } from './copy-paths.js';
import { writeParams } from './exp-run.js';
import { refuse, success, type Outcome } from './failure.js';
import { readIfExists, writeFileAtomic } from './files.js';
import { addWorktree, changedPaths, removeWorktree, repoPrefix, resolveCommit, topLevel } from './git.js';
import type { Assignment } from './params-edit.js';
import { EXPERIMENTS_DIR } from './schema.js';
import { newExperimentId } from './store.js';

export interface TempEntry {
  id: string;
  /** the experiment's name (-n), if given */
  name: string | null;
  /** the stages given to `exp run` (empty: all) */
  stages: string[];
  /** the -S assignments as typed, for `pipe exp queue` to show */
  sets: string[];
  created: string;
  /** waiting for `pipe exp queue start` (false: an `exp run --temp` runs it at once) */
  queued: boolean;
  /** the repository's top level and the project's path inside it (`''` or `sub/`) */
  top: string;
  prefix: string;
  /** record files the worktree held when it was made: they are not this run's */
  before: string[];
  /** `exp run -f`: its repro runs the stages even if up to date (absent when not given) */
  force?: true;
}

export interface TempState {
  entry: TempEntry;
  /** pid of the live process running it, if one is */
  runningPid?: number;
}

/** Folder of the entries and claims, under the project's local state. */
export function tempStateDir(root: string): string {
  return join(stateDir(root), 'exps');
}

/** Where the worktree of temp experiment `id` lives: a hidden folder beside the repository. */
export function worktreeDir(entry: Pick<TempEntry, 'top' | 'id'>): string {
  return join(dirname(entry.top), `.${basename(entry.top)}-exp-${entry.id}`);
}

/** The project inside the worktree (the worktree itself, or the same subfolder). */
export function worktreeProject(entry: TempEntry): string {
  return join(worktreeDir(entry), entry.prefix);
}

export interface CreateOptions {
  name: string | undefined;
  stages: string[];
  sets: string[];
  assignments: Assignment[];
  queued: boolean;
  /** `-f`: kept in the entry for the run, at once or at `queue start` */
  force?: boolean;
  /** `-C/--copy-paths`: project-relative paths (checked: copy-paths.ts) copied into the worktree too */
  copyPaths?: string[];
}

/**
 * Makes the worktree and its entry. A run made to start at once (not queued) is claimed by this
 * process before anything else, so no other pipe command takes it for a killed run's leftovers.
 */
export async function createTempWorkspace(root: string, opts: CreateOptions): Promise<Outcome<TempEntry>> {
  const top = await topLevel(root);
  const prefix = await repoPrefix(root);
  if (top === undefined || prefix === undefined || (await resolveCommit(root, 'HEAD')) === undefined) {
    return refuse(`--${opts.queued ? 'queue' : 'temp'} runs the experiment in a git worktree of HEAD, and ${root} is not in a git repository with a commit`, {
      hint: `commit the project to git first, or run without --${opts.queued ? 'queue' : 'temp'}`,
      exitCode: 2,
    });
  }
  const changed = await changedPaths(top);
  if (changed === undefined) return refuse(`cannot list the uncommitted changes of ${top} (git diff failed)`);
  await removeLeftovers(root);
  await mkdir(tempStateDir(root), { recursive: true });
  const id = newExperimentId(new Date());
  if (!opts.queued && !(await claim(root, id))) throw new Error(`a new temp experiment id is already claimed: ${id}`);
  const entry: TempEntry = { id, name: opts.name ?? null, stages: opts.stages, sets: opts.sets, created: new Date().toISOString(), queued: opts.queued, top, prefix, before: [], ...(opts.force === true ? { force: true as const } : {}) };
  const dir = worktreeDir(entry);
  if (!(await addWorktree(top, dir))) {
    await discard(root, entry);
    return refuse(`git could not add a worktree at ${dir}`, { hint: 'is the folder above the repository writable? Run without --temp/--queue meanwhile' });
  }
  const wsRoot = worktreeProject(entry);
  try {
    // The project's local state and cache never travel: the worktree gets links to the cache
    // and to the node_modules/ folders a stage's `node` resolves packages from.
    const skip = [`${prefix}${STATE_DIR}/`, `${prefix}${CACHE_DIR}/`];
    for (const p of changed) if (!skip.some((s) => p.startsWith(s))) await mirror(join(top, p), join(dir, p));
    // what git ignores (or does not list) and the run needs, named with -C
    for (const p of opts.copyPaths ?? []) await copyPath(root, wsRoot, p);
    // the project's cache wherever `cache.dir` puts it; the run is told to use the link
    // (temp-run.ts: PIPE_CACHE_DIR), not the worktree's own reading of that setting
    const cache = cacheRoot(root);
    await mkdir(cache, { recursive: true });
    await rm(join(wsRoot, CACHE_DIR), { recursive: true, force: true });
    await symlink(cache, join(wsRoot, CACHE_DIR), 'dir');
    await linkNodeModules(top, root, dir);
    const written = await writeParams(wsRoot, opts.assignments);
    if (!written.ok) {
      await discard(root, entry);
      return written;
    }
    // records already there (committed, or copied as uncommitted changes) are not this run's
    entry.before = await recordFiles(wsRoot);
    await writeFileAtomic(entryPath(root, id), `${JSON.stringify(entry, null, 2)}\n`);
  } catch (err) {
    await discard(root, entry);
    throw err;
  }
  return success(entry);
}

/** Entries in creation order, each with the pid running it if one is alive. */
export async function listTemp(root: string): Promise<TempState[]> {
  const states: TempState[] = [];
  for (const id of await idsWith(root, '.json')) {
    let entry: TempEntry;
    try {
      entry = JSON.parse((await readIfExists(entryPath(root, id))) ?? '') as TempEntry;
    } catch {
      continue; // being written (writes are atomic, so: never) or damaged: not ours to guess at
    }
    const pid = await claimPid(root, entry.id);
    states.push(pid !== undefined && isAlive(pid) ? { entry, runningPid: pid } : { entry });
  }
  return states.sort((a, b) => (a.entry.created < b.entry.created ? -1 : a.entry.created > b.entry.created ? 1 : a.entry.id < b.entry.id ? -1 : 1));
}

/** Pids of the live processes running temp experiments (`pipe gc` waits for them). */
export async function runningTempPids(root: string): Promise<number[]> {
  const pids: number[] = [];
  for (const id of await idsWith(root, '.pid')) {
    const pid = await claimPid(root, id);
    if (pid !== undefined && isAlive(pid)) pids.push(pid);
  }
  return pids;
}

/** Ids of the files in .pipe/exps/ ending in `suffix` (`.json` entries, `.pid` claims), sorted. */
async function idsWith(root: string, suffix: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(tempStateDir(root));
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith(suffix)).map((n) => n.slice(0, -suffix.length)).sort();
}

/**
 * Claims entry `id` for this process: true when this process now holds it. An exclusive hard link, so two
 * `queue start`s never run one entry; a claim whose process died is taken over.
 */
export async function claim(root: string, id: string): Promise<boolean> {
  const file = claimPath(root, id);
  // The claim appears with its pid already in it (written aside, then hard-linked into place,
  // which fails if it exists): a claim created empty and filled after could be read empty by a
  // rival in between, taken for a dead one's, and removed, leaving two holders.
  const own = `${file}.${process.pid}.tmp`;
  await writeFile(own, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await link(own, file);
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const pid = await claimPid(root, id);
        if (pid !== undefined && isAlive(pid)) return false;
        await rm(file, { force: true });
      }
    }
    return false;
  } finally {
    await rm(own, { force: true });
  }
}

export async function releaseClaim(root: string, id: string): Promise<void> {
  await rm(claimPath(root, id), { force: true });
}

/** Copies the records the run added into the workspace's metrics/experiments/; their ids. */
export async function copyRecordsBack(root: string, entry: TempEntry): Promise<string[]> {
  const wsRoot = worktreeProject(entry);
  const before = new Set(entry.before);
  const ids: string[] = [];
  for (const n of await recordFiles(wsRoot)) {
    if (before.has(n)) continue;
    await writeFileAtomic(join(root, EXPERIMENTS_DIR, n), await readFile(join(wsRoot, EXPERIMENTS_DIR, n), 'utf8'));
    ids.push(n.slice(0, -'.json'.length));
  }
  return ids;
}

/** Records of an interrupted run, already copied back, are not copied (nor reported) again. */
export async function keepForLater(root: string, entry: TempEntry, copied: string[]): Promise<void> {
  entry.before = [...new Set([...entry.before, ...copied.map((id) => `${id}.json`)])].sort();
  await writeFileAtomic(entryPath(root, entry.id), `${JSON.stringify(entry, null, 2)}\n`);
  await releaseClaim(root, entry.id);
}

/** Removes the worktree, then the entry and its claim. */
export async function discard(root: string, entry: TempEntry): Promise<void> {
  const dir = worktreeDir(entry);
  await removeWorktree(entry.top, dir);
  await rm(dir, { recursive: true, force: true });
  await rm(entryPath(root, entry.id), { force: true });
  await rm(liveLogPath(root, entry.id), { force: true });
  await rm(claimPath(root, entry.id), { force: true });
}

/** The output of the run of entry `id` while it runs or waits to run again. */
export function liveLogPath(root: string, id: string): string {
  return join(tempStateDir(root), `${id}.log`);
}

/** Removes what killed `exp run --temp`s left: their worktrees, entries and dead claims. */
async function removeLeftovers(root: string): Promise<void> {
  for (const s of await listTemp(root)) {
    if (!s.entry.queued && s.runningPid === undefined) await discard(root, s.entry);
  }
}

function entryPath(root: string, id: string): string {
  return join(tempStateDir(root), `${id}.json`);
}

function claimPath(root: string, id: string): string {
  return join(tempStateDir(root), `${id}.pid`);
}

async function claimPid(root: string, id: string): Promise<number | undefined> {
  const pid = Number((await readIfExists(claimPath(root, id)))?.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
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
