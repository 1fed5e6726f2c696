// `pipe diff` (DVC's `dvc diff`): which tracked files differ between two git revisions, or between
// a revision and the workspace. Tracked files are the outputs pipeline.lock records and the data
// `.pipe` files track; a folder stands for its files, listed from its manifest in the cache (the
// workspace's from the folder itself). The CLI reads a revision's files from git and hands them in
// (a Revision), so this module never runs git; the workspace is hashed as `pipe status` hashes it,
// through the stat cache, so unchanged files are not read again.
import { posix } from 'node:path';
import { fail, ok, type Failure, type Result } from './failure.js';
import { isWithin } from './paths.js';
import { inSearchedFolder, readTrackingFiles } from './tracked.js';
import { compareCodeUnits, openStores, parseLock, parseTrackingFile, readLock, TRACKING_SUFFIX, type LockFile, type Stores } from './store-adapter.js';

/** One side of the comparison read from git: the CLI's view of a commit. */
export interface Revision {
  /** as the user named it (`HEAD`, `main~2`), for messages */
  label: string;
  /** project-relative paths, at the revision, of every `*.pipe` file and every `pipeline.yaml` */
  paths: string[];
  /** the text of a project-relative file at the revision; undefined when it has none */
  read(path: string): Promise<string | undefined>;
}

/** The workspace as the second side (DVC's default `b_rev`). */
export const WORKSPACE_SIDE = 'workspace';

export interface DiffEntry {
  /** project-relative; a folder ends in `/` (`data/features/`), as DVC writes it */
  path: string;
  hash: string;
}

export interface DataDiff {
  added: DiffEntry[];
  deleted: DiffEntry[];
  modified: { path: string; hash: { old: string; new: string } }[];
  /** the same content under another path (a deleted and an added entry paired by hash) */
  renamed: { path: { old: string; new: string }; hash: string }[];
  /**
   * what cannot be compared file by file for want of the cache: data the workspace side records
   * but lacks and the cache lacks too (`pipe pull` brings it; not a deletion), and folders whose
   * manifest the cache lacks (their files are not listed; the folder's own entry still is)
   */
  notInCache: DiffEntry[];
}

export interface DiffOptions {
  /** root-relative paths: only tracked data that is, holds or lies inside one of them */
  targets?: string[];
}

/** What one side records at a tracked path. */
interface Root {
  hash: string;
  /** workspace only: recorded in pipeline.lock or a `.pipe` file, but not in the workspace */
  absent?: boolean;
}

/** A root's content: a file, or a folder with its files (undefined: its manifest is not cached). */
type Content = { folder: false; hash: string } | { folder: true; hash: string; files: Map<string, string> | undefined };

export async function diffData(root: string, a: Revision, b: Revision | typeof WORKSPACE_SIDE, options: DiffOptions = {}): Promise<Result<DataDiff>> {
  const stores = openStores(root);
  const rootsA = await revisionRoots(a);
  if (!rootsA.ok) return rootsA;
  const rootsB = b === WORKSPACE_SIDE ? workspaceRoots(root) : await revisionRoots(b);
  if (!rootsB.ok) return rootsB;
  const all = [...new Set([...rootsA.value.keys(), ...rootsB.value.keys()])].sort(compareCodeUnits);
  const tracks = (t: string): boolean => all.some((p) => isWithin(p, t) || isWithin(t, p));
  // a `.pipe` file stands for the data it tracks, as for `pipe checkout`
  const targets = (options.targets ?? []).map((t) => (!tracks(t) && t.endsWith(TRACKING_SUFFIX) && tracks(t.slice(0, -TRACKING_SUFFIX.length)) ? t.slice(0, -TRACKING_SUFFIX.length) : t));
  const unknown = targets.filter((t) => !tracks(t));
  if (unknown.length > 0) {
    const bLabel = b === WORKSPACE_SIDE ? 'in the workspace' : `at ${b.label}`;
    return fail(
      ...unknown.map((t): Failure => ({
        kind: 'diff-target',
        message: `'${t === '' ? '.' : t}' is no tracked data at ${a.label} or ${bLabel}: neither an output pipeline.lock records nor data a .pipe file tracks, nor a folder holding one`,
      })),
    );
  }
  const diff: DataDiff = { added: [], deleted: [], modified: [], renamed: [], notInCache: [] };
  for (const path of all) {
    if (targets.length > 0 && !targets.some((t) => isWithin(path, t) || isWithin(t, path))) continue;
    const ra = rootsA.value.get(path);
    let rb = rootsB.value.get(path);
    if (b === WORKSPACE_SIDE && rb !== undefined) rb = await workspaceState(stores, path, rb);
    if (rb?.absent) {
      // recorded but not in the workspace: a deletion only where the cache could bring it back
      // (`pipe checkout`); otherwise it most likely was never pulled, as DVC's "not in cache"
      if (!stores.objects.hasAll(rb.hash)) {
        diff.notInCache.push({ path: shown(path, rb.hash), hash: rb.hash });
        continue;
      }
      rb = undefined;
    }
    if (ra?.hash === rb?.hash) continue;
    const ca = ra === undefined ? undefined : revisionContent(stores, ra.hash);
    const cb = rb === undefined ? undefined : b === WORKSPACE_SIDE ? await workspaceContent(stores, path, rb.hash) : revisionContent(stores, rb.hash);
    compareRoot(diff, path, ca, cb);
  }
  if (b === WORKSPACE_SIDE) stores.hasher.save();
  pairRenames(diff);
  const wanted = (p: string): boolean => targets.length === 0 || targets.some((t) => isWithin(p.replace(/\/$/, ''), t));
  const byPath = (x: { path: string }, y: { path: string }): number => compareCodeUnits(x.path, y.path);
  return ok({
    added: diff.added.filter((e) => wanted(e.path)).sort(byPath),
    deleted: diff.deleted.filter((e) => wanted(e.path)).sort(byPath),
    modified: diff.modified.filter((e) => wanted(e.path)).sort(byPath),
    renamed: diff.renamed.filter((e) => wanted(e.path.old) || wanted(e.path.new)).sort((x, y) => compareCodeUnits(x.path.old, y.path.old)),
    notInCache: diff.notInCache.filter((e) => wanted(e.path)).sort(byPath),
  });
}

/** A root as listed: a folder's path ends in `/`. */
function shown(path: string, hash: string): string {
  return hash.endsWith('.dir') ? `${path}/` : path;
}

/** Every tracked path a revision records: pipeline.lock's outs, then what its `.pipe` files track. */
async function revisionRoots(rev: Revision): Promise<Result<Map<string, Root>>> {
  const roots = new Map<string, Root>();
  const where = `(in revision ${rev.label})`;
  const lockText = await rev.read('pipeline.lock');
  let outs: string[] = [];
  if (lockText !== undefined) {
    const lock = parseLock(lockText, 'pipeline.lock');
    if (!lock.ok) return fail({ kind: 'lock-file', message: `${lock.failure.message} ${where}` });
    outs = lockOuts(lock.value, roots);
  }
  // as the workspace walk finds them (tracked.ts): not inside outputs, pipe's own folders or nested projects
  const nested = rev.paths.filter((p) => p.endsWith('/pipeline.yaml')).map((p) => posix.dirname(p));
  const files = rev.paths.filter(
    (p) => p.endsWith('.pipe') && inSearchedFolder(p) && !outs.some((o) => isWithin(p, o)) && !nested.some((n) => isWithin(p, n)),
  );
  const failures: Failure[] = [];
  for (const file of files.sort(compareCodeUnits)) {
    const text = await rev.read(file);
    if (text === undefined) continue;
    const parsed = parseTrackingFile(text, file);
    if (!parsed.ok) {
      failures.push({ kind: 'tracking-file', message: `${parsed.failure.message} ${where}` });
      continue;
    }
    const dir = posix.dirname(file);
    const path = dir === '.' ? parsed.value.out.path : `${dir}/${parsed.value.out.path}`;
    // a second file tracking the same data: the workspace commands refuse it; here the first counts
    if (![...roots.keys()].some((p) => isWithin(p, path) || isWithin(path, p))) roots.set(path, { hash: parsed.value.out.hash });
  }
  return failures.length > 0 ? fail(...failures) : ok(roots);
}

/** Records each out of the lock in `roots`; returns their paths. */
function lockOuts(lock: LockFile, roots: Map<string, Root>): string[] {
  for (const stage of Object.values(lock.stages)) for (const out of stage.outs) roots.set(out.path, { hash: out.hash });
  return [...roots.keys()];
}

/** The workspace's tracked paths with the hashes its pipeline.lock and `.pipe` files record. */
function workspaceRoots(root: string): Result<Map<string, Root>> {
  const lock = readLock(root);
  if (!lock.ok) {
    const f = lock.failure;
    const failure: Failure = { kind: 'lock-file', message: `${f.message.replace(/^[^:]+:\d+:\d+: /, '')}${f.hint ? ` (${f.hint})` : ''}` };
    if (f.location?.line !== undefined) failure.location = { file: f.location.file, line: f.location.line, col: f.location.col ?? 1 };
    return fail(failure);
  }
  const roots = new Map<string, Root>();
  const outs = lockOuts(lock.value, roots);
  const tracked = readTrackingFiles(root, new Set(outs));
  if (!tracked.ok) return fail(...tracked.failures);
  for (const t of tracked.value) roots.set(t.path, { hash: t.entry.hash });
  return ok(roots);
}

/** A workspace root as it is now: its hash, or the recorded one marked absent. */
async function workspaceState(stores: Stores, path: string, recorded: Root): Promise<Root> {
  const now = await stores.hasher.hashPath(path);
  return now === undefined ? { hash: recorded.hash, absent: true } : { hash: now.hash };
}

function revisionContent(stores: Stores, hash: string): Content {
  if (!hash.endsWith('.dir')) return { folder: false, hash };
  const manifest = stores.objects.readManifest(hash);
  return { folder: true, hash, files: manifest === undefined ? undefined : new Map(manifest.map((e) => [e.relpath, e.hash])) };
}

async function workspaceContent(stores: Stores, path: string, hash: string): Promise<Content | undefined> {
  if (!hash.endsWith('.dir')) return { folder: false, hash };
  const detailed = await stores.hasher.hashPathDetailed(path);
  if (detailed === undefined) return undefined; // removed since it was hashed
  return { folder: true, hash: detailed.info.hash, files: new Map((detailed.manifest ?? []).map((e) => [e.relpath, e.hash])) };
}

/** The entries for one tracked path whose content differs between the sides (`undefined`: not there). */
function compareRoot(diff: DataDiff, path: string, a: Content | undefined, b: Content | undefined): void {
  const folder = `${path}/`;
  if (a?.folder && b?.folder) diff.modified.push({ path: folder, hash: { old: a.hash, new: b.hash } });
  else if (a?.folder) diff.deleted.push({ path: folder, hash: a.hash });
  else if (b?.folder) diff.added.push({ path: folder, hash: b.hash });
  // a folder whose files cannot be listed is named as such, never taken as emptied or filled
  let listable = true;
  for (const side of [a, b]) {
    if (side?.folder && side.files === undefined) {
      diff.notInCache.push({ path: folder, hash: side.hash });
      listable = false;
    }
  }
  if (!listable) return;
  const filesA = filesOf(path, a);
  const filesB = filesOf(path, b);
  for (const [p, hash] of filesA) {
    const other = filesB.get(p);
    if (other === undefined) diff.deleted.push({ path: p, hash });
    else if (other !== hash) diff.modified.push({ path: p, hash: { old: hash, new: other } });
  }
  for (const [p, hash] of filesB) if (!filesA.has(p)) diff.added.push({ path: p, hash });
}

function filesOf(path: string, c: Content | undefined): Map<string, string> {
  if (c === undefined) return new Map();
  if (!c.folder) return new Map([[path, c.hash]]);
  return new Map([...(c.files ?? [])].map(([rel, hash]) => [`${path}/${rel}`, hash]));
}

/** A deleted and an added entry with the same content (files with files, folders with folders) are one rename. */
function pairRenames(diff: DataDiff): void {
  const byPath = (x: DiffEntry, y: DiffEntry): number => compareCodeUnits(x.path, y.path);
  const added = [...diff.added].sort(byPath);
  const taken = new Set<DiffEntry>();
  const deleted: DiffEntry[] = [];
  for (const d of [...diff.deleted].sort(byPath)) {
    const match = added.find((x) => !taken.has(x) && x.hash === d.hash && x.path.endsWith('/') === d.path.endsWith('/'));
    if (match === undefined) {
      deleted.push(d);
      continue;
    }
    taken.add(match);
    diff.renamed.push({ path: { old: d.path, new: match.path }, hash: d.hash });
  }
  diff.deleted = deleted;
  diff.added = added.filter((x) => !taken.has(x));
}
