// `pipe exp branch <exp> <branch>` (DVC's `dvc exp branch`): a recorded experiment as a git
// branch, so it can be pushed, reviewed and merged like code. The branch's one new commit sits on
// the commit the experiment ran on and holds what `pipe exp apply` would write there (its params
// files, its pipeline.lock, its `cache: false` outputs from the record) and the .gitignore lines `pipe repro` would add for its cached outputs; those stay in the cache,
// where `pipe checkout` on the branch finds them through the lock.
//
// The commit is made in a temporary detached worktree of that commit (in the system's temp
// folder, removed afterwards, on failure and on Ctrl-C too) with commit-tree, so the user's
// workspace, index, HEAD and branch are never touched and no commit hook runs; the branch ref is
// created last, in one step that fails if the branch appeared meanwhile.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { ignoreInGit } from '../stores/gitignore.js';
import { CACHE_DIR, STATE_DIR } from '../stores/layout.js';
import { Hasher } from '../stores/hash-path.js';
import { parseLock, type LockFile } from '../stores/lockfile.js';
import { ObjectCache } from '../stores/objects.js';
import { canonicalJson } from '../stores/canonical.js';
import { planParams, planTracked, type ApplyResult } from './apply.js';
import { readDeclarations } from './declared.js';
import { parseDataFile, readIfExists } from './files.js';
import { refuse, success, type Outcome } from './failure.js';
import { flattenParams } from './flatten.js';
import {
  addWorktreeAt, branchExists, changedPaths, commitFiles, createBranchRef, isValidBranchName,
  pathsBetween, removeWorktree, repoPrefix, resolveCommit, showFile, topLevel, trackedPaths,
} from './git.js';
import { compactJson } from './report/values.js';
import { EXPERIMENTS_DIR, type ExperimentRecord } from './schema.js';
import { experimentLabel } from './store.js';
import { PARAMS_FILE } from './workspace.js';
import { writeTogether, type FileWrite } from './write-together.js';

export interface BranchRequest {
  /** project root */
  root: string;
  rec: ExperimentRecord;
  /** the record's file name in metrics/experiments/ (`<id>.json`, or as renamed by hand) */
  recordFile: string;
  branch: string;
}

export interface BranchResult {
  commit: string;
  /** the commit the experiment ran on: the new commit's parent */
  base: string;
  /** `train.lr: 0.01 -> 0.1` (another file's keys as `other.yaml:opt.lr`): params that differ from the base */
  paramChanges: string[];
  /** params files left as the base has them (as `exp apply` leaves them in the workspace) */
  leftAlone: ApplyResult['leftAlone'];
  /** the record holds no pipeline.lock: the branch has the params, `pipe repro` makes the outputs */
  noLock: boolean;
  /** `cache: false` outputs its lock names that the record does not hold (too large, a folder) */
  uncachedNotHeld: string[];
  /** cached outputs its lock names that this project's cache does not hold (`pipe checkout` cannot restore them) */
  notInCache: string[];
  /**
   * files git tracks whose content at the base is not what the experiment's lock names as a dep
   * (it ran with uncommitted changes to them, which the branch does not hold), and the stages
   * reading them: `pipe status` on the branch says those stages would run
   */
  changedDeps: { paths: string[]; stages: string[] };
  /**
   * files (project-relative) that differ between HEAD and the new commit and are changed or
   * untracked in the workspace: `git checkout <branch>` refuses until they are set aside. `same`:
   * the workspace's file is the branch's, byte for byte (after `exp run`, it is), so setting it
   * aside loses nothing
   */
  checkoutBlockers: { path: string; same: boolean }[];
}

/** Makes the branch. Refusals of the request itself (name, existing branch, base commit) are exit 2. */
export async function branchExperiment(req: BranchRequest): Promise<Outcome<BranchResult>> {
  const { root, rec, branch } = req;
  const label = experimentLabel(rec);
  const top = await topLevel(root);
  const prefix = await repoPrefix(root);
  if (top === undefined || prefix === undefined) {
    return refuse('the project is not in a git repository: pipe exp branch makes a git branch', { hint: 'run `git init`, commit the project, and run the experiment again', exitCode: 2 });
  }
  if (!(await isValidBranchName(root, branch))) {
    return refuse(`'${branch}' is not a valid branch name`, { hint: '`git check-ref-format --branch <name>` checks a name; letters, digits, - _ . / are safe', exitCode: 2 });
  }
  if (await branchExists(root, branch)) return refuse(existsMessage(branch), { exitCode: 2 });
  const where = `${EXPERIMENTS_DIR}/${req.recordFile}`;
  if (rec.git === null) {
    return refuse(`experiment '${label}' has no git commit in its record (it ran outside git or before the first commit): there is no commit to branch from`, {
      where, hint: '`pipe exp apply` puts it into the workspace, to commit as you like', exitCode: 2,
    });
  }
  const base = await resolveCommit(root, rec.git.rev);
  if (base === undefined) {
    return refuse(`experiment '${label}' ran on commit ${rec.git.rev.slice(0, 7)}, which this repository does not have`, {
      where, hint: 'fetch that commit (`git fetch`), or `pipe exp apply` it into the workspace and commit it there', exitCode: 2,
    });
  }

  const dir = await mkdtemp(join(tmpdir(), 'pipe-exp-branch-'));
  // Ctrl-C or kill while the worktree exists: remove it, then end as the signal would
  const onSignal = (signal: NodeJS.Signals) => {
    void removeWorktree(top, dir).finally(() => rm(dir, { recursive: true, force: true })).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const added = await addWorktreeAt(top, dir, base);
    if (!added.ok) return refuse(`cannot make a worktree of ${base.slice(0, 7)} to commit in: ${added.err}`);
    const made = await commitInWorktree(req, join(dir, prefix), base);
    if (!made.ok) return made;
    const ref = await createBranchRef(root, branch, made.value.commit, `pipe exp branch: ${label}`);
    if (!ref.ok) {
      // made meanwhile by someone else: the same answer as before
      if (await branchExists(root, branch)) return refuse(existsMessage(branch), { exitCode: 2 });
      return refuse(`cannot create branch '${branch}': ${ref.err}`);
    }
    const blockers = (await checkoutBlockers(top, made.value.commit)).map((b) => ({ ...b, path: b.path.slice(prefix.length) }));
    return success({ ...made.value, base, checkoutBlockers: blockers });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await removeWorktree(top, dir);
    await rm(dir, { recursive: true, force: true });
  }
}

export function existsMessage(branch: string): string {
  return `branch '${branch}' already exists: choose another name or delete it with git branch -d ${branch}`;
}

type Made = Omit<BranchResult, 'base' | 'checkoutBlockers'>;

/** Writes the experiment's files into the worktree's project `wroot` and commits them on `base`. */
async function commitInWorktree(req: BranchRequest, wroot: string, base: string): Promise<Outcome<Made>> {
  const { rec } = req;
  const where = `${EXPERIMENTS_DIR}/${req.recordFile}`;
  // the params files as `exp apply` writes them, comments of the base's versions kept
  const planned = await planParams(wroot, rec);
  if (!planned.ok) return planned;
  const writes: FileWrite[] = [...planned.value.writes];
  const paramChanges = await paramsDiff(wroot, planned.value.paramsFiles.map((f) => f.path), writes);
  // the version of the raw data (`pipe add`) it ran on: its tracking files as its record holds them
  const tracked = await planTracked(wroot, rec);
  if (!tracked.ok) return tracked;
  writes.push(...tracked.value.writes);
  // their data, like the cached outputs below, gets its .gitignore line, as `pipe add` gives it
  const trackedData = tracked.value.data.map((d) => ({ path: d.path, folder: d.hash.endsWith('.dir') }));

  const uncachedNotHeld: string[] = [];
  const notInCache: string[] = [];
  const cachedOuts: { path: string; folder: boolean }[] = [...trackedData];
  let changedDeps: Made['changedDeps'] = { paths: [], stages: [] };
  if (rec.pipeline_lock !== null) {
    const lock = parseLock(rec.pipeline_lock, `${req.recordFile} (pipeline_lock)`);
    if (!lock.ok) return refuse(lock.failure.message, { where });
    // `cache: false` as the base's pipeline.yaml declares it, which is what the branch will run
    const declared = readDeclarations((await readIfExists(join(wroot, 'pipeline.yaml'))) ?? '', rec.params);
    const uncached = new Set(declared.ok ? declared.value.uncached : []);
    const cache = new ObjectCache(req.root);
    for (const out of Object.values(lock.value.stages).flatMap((s) => s.outs)) {
      // records are files anyone can edit: never a path outside the project
      if (!insideProject(out.path)) return refuse(`its pipeline.lock names output '${out.path}', outside the project: no branch was made`, { where });
      if (uncached.has(out.path)) {
        const text = rec.uncached_outs[out.path];
        if (text === undefined) uncachedNotHeld.push(out.path);
        else writes.push({ path: out.path, text });
      } else {
        cachedOuts.push({ path: out.path, folder: out.hash.endsWith('.dir') });
        if (!cache.hasAll(out.hash)) notInCache.push(out.path);
      }
    }
    writes.push({ path: 'pipeline.lock', text: rec.pipeline_lock });
  }
  // the record itself stays out: committed on the branch, it would leave the workspace it was
  // made in (where it is untracked) at the first `git checkout` back from the branch
  const written = await writeTogether(wroot, writes);
  if (!written.ok) return written;
  // the deps as the commit will hold them: the files written above (a `cache: false` output a
  // later stage reads, from the record) as written, not as the base had them
  if (rec.pipeline_lock !== null) {
    const lock = parseLock(rec.pipeline_lock, `${req.recordFile} (pipeline_lock)`);
    if (lock.ok) changedDeps = await depsChangedSince(wroot, lock.value, new Set(writes.map((w) => w.path)));
  }

  // git asks of a path that is not there whether a folder pattern (`/model/`) matches it only
  // when it is a folder: the outputs' places are made as they are in the workspace
  for (const o of cachedOuts) await mkdir(join(wroot, o.folder ? o.path : dirname(o.path)), { recursive: true });
  for (const d of [CACHE_DIR, STATE_DIR]) await mkdir(join(wroot, d), { recursive: true });
  const ignored = await ignoreInGit(wroot, cachedOuts.map((o) => o.path));
  const files = [...new Set([...writes.map((w) => w.path), ...ignored.added.map((a) => a.file)])].sort();

  const made: Made = {
    commit: '',
    paramChanges,
    leftAlone: planned.value.leftAlone,
    noLock: rec.pipeline_lock === null,
    uncachedNotHeld: uncachedNotHeld.sort(),
    notInCache: notInCache.sort(),
    changedDeps,
  };
  const committed = await commitFiles(wroot, files, base, commitMessage(rec, base, made));
  if (!committed.ok) {
    // git's first line alone ("Author identity unknown") does not say what to do
    const identity = /identity|user\.(name|email)|empty ident/i.test(committed.err);
    const hint = identity ? 'tell git who you are: git config --global user.name "Your Name" && git config --global user.email you@example.com' : undefined;
    return refuse(`cannot commit in a worktree of ${base.slice(0, 7)}: ${committed.err}`, hint === undefined ? {} : { hint });
  }
  return success({ ...made, commit: committed.out });
}

/**
 * The file deps of the lock that the new commit holds (tracked at the base, or `written` into
 * the worktree for it) whose content there differs from the lock's hash. Folders and other
 * untracked files (data, made by stages) are not looked at: the worktree lacks them, so they
 * would all look changed.
 */
async function depsChangedSince(wroot: string, lock: LockFile, written: Set<string>): Promise<Made['changedDeps']> {
  const deps = Object.entries(lock.stages).flatMap(([stage, s]) => s.deps.filter((d) => !d.hash.endsWith('.dir') && insideProject(d.path)).map((d) => ({ stage, ...d })));
  const tracked = new Set([...(await trackedPaths(wroot, [...new Set(deps.map((d) => d.path))])), ...written]);
  const hasher = new Hasher(wroot);
  const paths = new Set<string>();
  const stages = new Set<string>();
  for (const d of deps.filter((x) => tracked.has(x.path))) {
    if ((await hasher.hashPath(d.path))?.hash === d.hash) continue;
    paths.add(d.path);
    stages.add(d.stage);
  }
  return { paths: [...paths].sort(), stages: [...stages].sort() };
}

function insideProject(path: string): boolean {
  const norm = posix.normalize(path);
  return !(posix.isAbsolute(norm) || norm === '..' || norm.startsWith('../') || norm === '.git' || norm.startsWith('.git/'));
}

/** `key: before -> after` for every param of these files whose value the new commit changes. */
async function paramsDiff(wroot: string, paths: string[], writes: FileWrite[]): Promise<string[]> {
  const lines: string[] = [];
  for (const path of paths) {
    const after = writes.find((w) => w.path === path)?.text;
    if (after === undefined) continue; // unchanged
    const data = async (text: string | undefined) => {
      if (text === undefined) return {};
      const parsed = parseDataFile(path, text);
      return parsed.ok ? flattenParams(parsed.value ?? {}) : {};
    };
    const [was, now] = [await data(await readIfExists(join(wroot, path))), await data(after)];
    const name = (k: string) => (path === PARAMS_FILE ? k : `${path}:${k}`);
    const show = (v: unknown) => (v === undefined ? '-' : compactJson(v));
    for (const k of [...new Set([...Object.keys(was), ...Object.keys(now)])].sort()) {
      if (canonicalJson(was[k] ?? null) !== canonicalJson(now[k] ?? null) || (k in was) !== (k in now)) lines.push(`${name(k)}: ${show(was[k])} -> ${show(now[k])}`);
    }
  }
  return lines;
}

function commitMessage(rec: ExperimentRecord, base: string, made: Made): string {
  const label = experimentLabel(rec);
  const short = base.slice(0, 7);
  const lines = [`pipe exp branch: ${label}`, ''];
  lines.push(`Experiment ${rec.id}${rec.name !== null ? ` (${rec.name})` : ''}, run on ${short}.`);
  if (made.paramChanges.length > 0) lines.push('', `Params that differ from ${short}:`, ...made.paramChanges.map((c) => `  ${c}`));
  else lines.push('', `Its params are those of ${short}.`);
  const notes: string[] = [];
  if (made.noLock) notes.push('Its record holds no pipeline.lock: this commit has its params, not its lock; `pipe repro` makes its outputs.');
  if (made.uncachedNotHeld.length > 0) notes.push(`Its record does not hold ${made.uncachedNotHeld.join(', ')} (cache: false, too large or a folder): not in this commit; \`pipe repro\` makes ${made.uncachedNotHeld.length === 1 ? 'it' : 'them'}.`);
  if (made.changedDeps.paths.length > 0) {
    const n = made.changedDeps.paths.length;
    notes.push(`It ran with uncommitted changes to ${made.changedDeps.paths.join(', ')}, which this commit does not hold (${n === 1 ? 'it has the file' : 'it has the files'} as ${short} has ${n === 1 ? 'it' : 'them'}): its pipeline.lock names the changed ${n === 1 ? 'version' : 'versions'}, so \`pipe status\` here says ${made.changedDeps.stages.join(', ')} would run.`);
  }
  if (made.leftAlone.length > 0) notes.push(`Params files as ${short} has them (its record does not hold them): ${made.leftAlone.map((f) => f.path).join(', ')}.`);
  if (notes.length > 0) lines.push('', ...notes);
  return `${lines.join('\n')}\n`;
}

/** What `git checkout <new commit>` from the workspace would refuse to overwrite. */
async function checkoutBlockers(top: string, commit: string): Promise<BranchResult['checkoutBlockers']> {
  const head = await resolveCommit(top, 'HEAD');
  if (head === undefined) return [];
  const differ = await pathsBetween(top, head, commit);
  const changed = await changedPaths(top);
  if (differ === undefined || changed === undefined) return [];
  const local = new Set(changed);
  const blockers: BranchResult['checkoutBlockers'] = [];
  for (const path of differ.filter((p) => local.has(p))) {
    const theirs = await showFile(top, commit, path);
    const ours = await readFile(join(top, path)).catch(() => undefined);
    blockers.push({ path, same: theirs !== undefined && ours !== undefined && theirs.equals(ours) });
  }
  return blockers;
}
