// `pipe import-url URL [PATH]` and `pipe update TARGET...` (DVC's `dvc import-url` / `dvc update`):
// data that lives at a URL, downloaded into the project, stored in the cache as `pipe add` stores
// data, and tracked by a `<path>.pipe` file that also records the source and the version fetched
// (`source: {url, etag, last_modified, size}`, src/stores/tracking-file.ts). `pipe update` asks the
// source for its version now (url-source.ts: HEAD, HeadObject, stat) and fetches it again only
// when that differs; a local (path or file://) source is compared by content instead (see
// updateImports), and `--force` fetches every target again. Nothing else contacts remote sources:
// `pipe status` stats a local source only (status-imports.ts), and checkout, push, pull and gc
// treat the data as added data.
//
// Every path is checked before anything is fetched; a download goes to a temp name beside its
// destination and is renamed into place once complete, so the data and its .pipe file are either
// the old ones or the new ones.
import fs from 'node:fs';
import path from 'node:path';
import { addRefusal, ignoreAdded, ignoredAddTarget, keepBeforeRestore, KEPT_DIR, keptStamp, loadProject, loadTracked, lockProject, toRootRelative, type EventSink, type Failure, type Tracked } from '../engine/index.js';
import { Hasher, heldByCache, openStores, StatCache, removeTree, seenAsRecorded, tempPathFor, TRACKING_SUFFIX, writeTrackingFile, type HashInfo, type Stores, type TrackingSource } from '../stores/index.js';
import { resolveRemoteSpec } from './config.js';
import { openSource, SourceProblem, userinfoRefusal, type CredentialScope, type SourceVersion, type UrlSource } from './url-source.js';

export interface ImportItem {
  /** root-relative path of the data */
  path: string;
  /** root-relative path of its tracking file */
  file: string;
  source: TrackingSource;
  info: HashInfo;
  /** it replaced data tracked there before (--force) */
  replaced: boolean;
}

export interface ImportResult {
  failures: Failure[];
  item?: ImportItem;
  lockedBy?: number;
}

export interface ImportOptions {
  /** replace what is at PATH: untracked data, or data another .pipe file there tracks */
  force?: boolean;
  /** `-r`: the remote, whose server alone gets $PIPE_HTTP_* credentials (else $PIPE_REMOTE, pipe.config.yaml) */
  remote?: string;
}

/**
 * The origin $PIPE_HTTP_* credentials may go to: the http(s) remote's, resolved as push and pull
 * resolve it. No remote, a broken config or another kind of remote: none (nothing gets them).
 */
export function credentialScope(root: string, override?: string): CredentialScope {
  const spec = resolveRemoteSpec(root, override);
  if (!spec.ok || !/^https?:\/\//i.test(spec.value.url)) return {};
  try {
    return { origin: new URL(spec.value.url).origin, source: spec.value.source };
  } catch {
    return {};
  }
}

/** `url` and `given` (PATH, from `cwd`) as the user wrote them. */
export async function importUrl(root: string, cwd: string, url: string, given: string | undefined, options: ImportOptions = {}, emit: EventSink = () => {}): Promise<ImportResult> {
  const refuse = (message: string): ImportResult => ({ failures: [{ kind: 'import-source', message }] });
  const userinfo = userinfoRefusal(url);
  if (userinfo !== undefined) return refuse(`cannot import '${url.replace(/\/\/[^/?#]*@/, '//…@')}': ${userinfo}`);
  const opened = openSource(url, cwd, credentialScope(root, options.remote));
  if (!opened.ok) return refuse(`cannot import '${url}': ${opened.reason}${opened.hint ? `; ${opened.hint}` : ''}`);
  const source = opened.value;
  // a local source that is not there is said as such before any check of the path it would go to
  if (source.kind === 'local') {
    try {
      await source.probe();
    } catch (err) {
      return { failures: [sourceFailure(err, `import ${url}`)] };
    }
  }

  const loaded = loadProject(root);
  if (!loaded.ok) return { failures: loaded.failures };
  const project = loaded.value;
  const known = loadTracked(project);
  if (!known.ok) return { failures: known.failures };

  // PATH: as given, or the URL's last segment; inside it when it is a folder that is not data itself
  let abs: string;
  if (given === undefined || given.endsWith('/') || isPlainFolder(root, path.resolve(cwd, given), known.value)) {
    // `%2F` decoded in the last segment would make a folder of it: no usable name either
    if (source.name === '' || source.name === '.' || source.name === '..' || /[/\\]/.test(source.name)) {
      return { failures: [{ kind: 'add-target', message: `'${url}' has no last path segment usable as a file name: give the path to write it to (pipe import-url URL PATH)` }] };
    }
    abs = path.resolve(cwd, given ?? '.', source.name);
  } else {
    abs = path.resolve(cwd, given);
  }
  const rel = toRootRelative(root, '', abs);
  const shownPath = given ?? path.relative(cwd, abs);
  if (rel === undefined) return { failures: [{ kind: 'add-target', message: `'${shownPath}' is outside the project (${root}); pipe import-url writes inside it` }] };
  const problem = addRefusal(rel, project, known.value, 'import-url');
  if (problem !== undefined) return { failures: [{ kind: 'add-target', message: problem }] };
  const hidden = ignoredAddTarget(root, rel, 'the path given to pipe import-url');
  if (hidden !== undefined) return { failures: [hidden] };
  if (source.abs !== undefined && (isWithinAbs(source.abs, abs) || isWithinAbs(abs, source.abs))) {
    return { failures: [{ kind: 'add-target', message: `'${rel}' ${source.abs === abs ? 'is' : isWithinAbs(abs, source.abs) ? 'lies inside' : 'holds'} the source ${url} itself; import it to another path` }] };
  }
  const before = known.value.find((t) => t.path === rel);
  if (!options.force) {
    if (before?.source !== undefined) {
      return { failures: [{ kind: 'add-target', message: `'${rel}' is already imported from ${before.source.url} (${before.file}): \`pipe update ${rel}\` fetches its new version; --force imports it again from ${url}` }] };
    }
    if (before !== undefined) {
      return { failures: [{ kind: 'add-target', message: `'${rel}' is data ${before.file} tracks (\`pipe add\`); --force replaces it with ${url}'s data and makes ${before.file} record the source` }] };
    }
    if (exists(abs)) return { failures: [{ kind: 'add-target', message: `'${rel}' already exists and no .pipe file tracks it; move it away, or give --force to overwrite it with ${url}'s data` }] };
  }
  const file = before?.file ?? `${rel}${TRACKING_SUFFIX}`;
  // a .pipe file of that name tracking other data (renamed or edited by hand) is never overwritten
  if (before === undefined && exists(path.join(root, file))) {
    const owner = known.value.find((t) => t.file === file);
    return { failures: [{ kind: 'add-target', message: `${file} already exists${owner ? ` and tracks '${owner.path}'` : ''}; import to another path, or move ${file} away first` }] };
  }
  // what the .pipe file records: a local path typed relative to the current folder is rebased on
  // the tracking file's folder, so it means the same from any folder and any clone
  const recorded = source.abs !== undefined && !path.isAbsolute(url) && !/^file:\/\//i.test(url)
    ? toPosix(path.relative(path.dirname(path.join(root, file)), source.abs)) || '.'
    : url;

  const acquired = await lockProject(root, { emit });
  if (!acquired.ok) return { failures: [acquired.failure], lockedBy: acquired.lockedBy };
  const stores = openStores(root);
  try {
    const fetched = await fetchInto(source, abs, `import ${url}`);
    if (!fetched.ok) return { failures: [fetched.failure] };
    const info = await stores.objects.save(rel, stores.hasher);
    if (info === undefined) return { failures: [{ kind: 'io', message: `'${rel}' disappeared right after it was downloaded; nothing recorded for it` }] };
    const src: TrackingSource = { url: recorded, ...fetched.version };
    await writeTrackingFile(path.join(root, file), entryFor(file, rel, info), src, before?.transfer);
    await ignoreAdded(root, [rel], emit);
    return { failures: [], item: { path: rel, file, source: src, info, replaced: before !== undefined || fetched.replaced } };
  } finally {
    stores.hasher.save();
    acquired.lock.release();
  }
}

/**
 * 'refetched': the source's version is unchanged, but the data was missing from the workspace or
 * the cache, so it was fetched again. 'unsaved': refused (exit 1, as `pipe checkout` refuses):
 * the workspace copy holds changes the cache lacks, and fetching would overwrite them.
 */
export type UpdateStatus = 'unchanged' | 'updated' | 'same-content' | 'would-update' | 'refetched' | 'unsaved';

/** Where the recorded version was missing before the update: the workspace copy, or the cache's object. */
export type Missing = 'workspace' | 'cache';

export interface UpdateItem {
  path: string;
  file: string;
  status: UpdateStatus;
  /** as the .pipe file recorded it before */
  before: TrackingSource;
  /** as it records it now (as the source describes itself now, for 'unchanged' and 'would-update') */
  after: TrackingSource;
  /** the data's hash before and after */
  hashBefore: string;
  info?: HashInfo;
  /** what made an update of an unchanged source fetch it again ('refetched', 'would-update') */
  missing?: Missing;
  /** a local source whose content differs from the recorded data, whatever its stat says */
  contentChanged?: true;
  /** fetched again because of --force alone ('refetched') */
  forced?: true;
}

export interface UpdateResult {
  failures: Failure[];
  items: UpdateItem[];
  lockedBy?: number;
}

/**
 * Asks each target's source for its version and fetches it again when it differs from the
 * recorded one (or when neither side has an etag or date to compare: then the content decides),
 * or when the data is missing from the workspace or the cache lacks the recorded version (a
 * fresh clone nobody pushed to). A workspace copy with changes the cache does not hold is never
 * overwritten without `force` (they would be lost for good: `pipe add` refuses imported data).
 * `dry`: asks, fetches nothing, writes nothing.
 */
export async function updateImports(root: string, cwd: string, targets: string[], options: { dry?: boolean; force?: boolean; remote?: string } = {}, emit: EventSink = () => {}): Promise<UpdateResult> {
  // `force`: fetch every target again, changed or not, and overwrite unsaved workspace changes
  // (kept in .pipe/kept/<stamp>-<file>/ first)
  const stamp = keptStamp();
  const loaded = loadProject(root);
  if (!loaded.ok) return { failures: loaded.failures, items: [] };
  const known = loadTracked(loaded.value);
  if (!known.ok) return { failures: known.failures, items: [] };
  const failures: Failure[] = [];
  const chosen: { t: Tracked; source: UrlSource }[] = [];
  const scope = credentialScope(root, options.remote);
  for (const target of targets) {
    const rel = toRootRelative(root, '', path.resolve(cwd, target));
    const t = rel === undefined ? undefined : known.value.find((k) => k.path === rel || k.file === rel);
    if (t === undefined) {
      failures.push({ kind: 'add-target', message: `'${target}' is not data a .pipe file tracks; pipe update takes the path of imported data or of its .pipe file` });
      continue;
    }
    if (t.source === undefined) {
      failures.push({ kind: 'add-target', message: `'${t.path}' was added with \`pipe add\` (${t.file} records no source), so there is nothing to update it from; \`pipe add ${t.path}\` records a change you made` });
      continue;
    }
    // a recorded relative path is relative to the tracking file's folder
    const opened = openSource(t.source.url, path.join(root, path.dirname(t.file)), scope);
    if (!opened.ok) {
      failures.push({ kind: 'import-source', message: `${t.file}: cannot update from '${t.source.url}': ${opened.reason}` });
      continue;
    }
    if (!chosen.some((c) => c.t === t)) chosen.push({ t, source: opened.value });
  }
  if (failures.length > 0) return { failures, items: [] };

  const acquired = options.dry ? undefined : await lockProject(root, { emit });
  if (acquired !== undefined && !acquired.ok) return { failures: [acquired.failure], items: [], lockedBy: acquired.lockedBy };
  // a dry run hashes the workspace too (to say what an update would do) but saves nothing
  const stores = openStores(root);
  const items: UpdateItem[] = [];
  try {
    for (const { t, source } of chosen) {
      const before = t.source as TrackingSource;
      const ws = await workspaceState(stores, t.path, t.entry.hash);
      const missing: Missing | undefined = ws === 'missing' ? 'workspace' : stores.objects.hasAll(t.entry.hash) ? undefined : 'cache';
      let now: SourceVersion;
      try {
        now = await source.probe();
      } catch (err) {
        failures.push(sourceFailure(err, `update ${t.path} from ${before.url}`));
        continue;
      }
      const base = { path: t.path, file: t.file, before, hashBefore: t.entry.hash };
      // A local source is judged by its content, as DVC hashes one: its stat cannot tell. A file
      // copied over it with `cp -p` or `rsync -a` (same size, its old mtime put back, and with
      // cp the same inode, truncated and rewritten) keeps size, mtime and inode; only ctime moves,
      // and the .pipe file is committed, so a ctime recorded on one machine means nothing on
      // another. `pipe update` is run on purpose and reading a local file costs what the copy
      // would, so it is hashed every time (no memo); the stat fields are still recorded, for
      // `pipe status`'s cheap check.
      let contentChanged: boolean | undefined;
      if (source.kind === 'local' && source.abs !== undefined) {
        try {
          contentChanged = localContentHash(source.abs) !== t.entry.hash;
        } catch (err) {
          failures.push(sourceFailure(err, `update ${t.path} from ${before.url}`));
          continue;
        }
      }
      const comparable = (now.etag !== undefined && before.etag !== undefined) || (now.last_modified !== undefined && before.last_modified !== undefined);
      const changed = contentChanged ?? (!comparable || differs(before, now));
      const forced = options.force === true && !changed && missing === undefined;
      if (!changed && missing === undefined && !forced) {
        // a local source touched but not changed: record its new stat, so status stops saying so
        const restat = contentChanged === false && differs(before, now);
        if (restat && !options.dry) await writeTrackingFile(path.join(root, t.file), t.entry, { url: before.url, ...now }, t.transfer);
        items.push({ ...base, status: restat && options.dry !== true ? 'same-content' : 'unchanged', after: { url: before.url, ...now } });
        if (ws === 'unsaved' || ws === 'held') {
          emit({ type: 'note', message: `${t.path} differs from the version ${t.file} records (${ws === 'unsaved' ? 'changes the cache does not hold' : 'a version the cache holds'}): \`pipe checkout ${ws === 'unsaved' ? '--force ' : ''}${t.path}\` restores the imported version` });
        }
        continue;
      }
      // checked before anything is fetched: a refused target is left exactly as it was
      if (ws === 'unsaved' && options.force !== true) {
        items.push({ ...base, status: 'unsaved', after: { url: before.url, ...now } });
        continue;
      }
      if (options.dry) {
        items.push({ ...base, status: 'would-update', after: { url: before.url, ...now }, ...(changed ? {} : { missing }), ...(contentChanged === true ? { contentChanged: true as const } : {}), ...(forced ? { forced: true as const } : {}) });
        continue;
      }
      const abs = path.join(root, t.path);
      // what the cache does not hold is moved (a file) or linked (a folder's files) aside once the
      // new version is downloaded, before it goes in place: a failed download keeps nothing
      const keep = ws !== 'unsaved' ? undefined : async (): Promise<Failure | undefined> => {
        try {
          const message = await keepBeforeRestore(root, t.file, t.path, stores, stamp, t.file, (it) => `before fetching ${before.url}'s new version over ${it}`);
          if (message !== undefined) emit({ type: 'warning', stage: t.file, message });
          return undefined;
        } catch (err) {
          return { kind: 'io', message: `cannot update ${t.path}: could not keep the changes the cache does not hold of it in ${KEPT_DIR}/ (${(err as Error).message}); it was left as it is` };
        }
      };
      const fetched = await fetchInto(source, abs, `update ${t.path} from ${before.url}`, keep);
      if (!fetched.ok) {
        failures.push(fetched.failure);
        continue;
      }
      const info = await stores.objects.save(t.path, stores.hasher);
      if (info === undefined) {
        failures.push({ kind: 'io', message: `'${t.path}' disappeared right after it was downloaded; ${t.file} still records the version before` });
        continue;
      }
      const after: TrackingSource = { url: before.url, ...fetched.version };
      const status: UpdateStatus = info.hash !== t.entry.hash ? 'updated' : changed ? 'same-content' : 'refetched';
      // refetched: the same version and content, so the .pipe file already says it all
      if (status !== 'refetched') await writeTrackingFile(path.join(root, t.file), entryFor(t.file, t.path, info), after, t.transfer);
      items.push({ ...base, status, after, info, ...(status === 'refetched' ? (forced ? { forced: true as const } : { missing }) : {}), ...(contentChanged === true ? { contentChanged: true as const } : {}) });
    }
    if (!options.dry) await ignoreAdded(root, items.filter((i) => i.status !== 'unchanged' && i.status !== 'unsaved').map((i) => i.path), emit);
  } finally {
    if (!options.dry) stores.hasher.save();
    if (acquired?.ok) acquired.lock.release();
  }
  return { failures, items };
}

/**
 * The workspace copy against what the .pipe file records, as `pipe checkout` judges it: as
 * recorded, missing, another version the cache holds ('held'), or changes only the workspace
 * holds ('unsaved': overwriting them loses them).
 */
async function workspaceState(stores: Stores, rel: string, recorded: string): Promise<'as-recorded' | 'missing' | 'held' | 'unsaved'> {
  const have = await stores.hasher.hashPath(rel);
  if (have === undefined) return 'missing';
  if (seenAsRecorded(stores.objects, stores.hasher, rel, have, { hash: recorded })) return 'as-recorded';
  return (await heldByCache(stores.objects, stores.hasher, rel, have.hash)) ? 'held' : 'unsaved';
}

/**
 * The hash a local file or folder would get once copied in and saved (symlinks followed, as the
 * copy follows them): a fresh in-memory stat cache, so nothing about a path outside the project
 * is remembered or written. Throws what reading it throws.
 */
function localContentHash(abs: string): string | undefined {
  const hasher = new Hasher(path.dirname(abs), { statCache: StatCache.inMemory(), scanPool: null, watch: null });
  return hasher.hashPathSync(path.basename(abs))?.hash;
}

/** The recorded version and the source's answer disagree on a field both have. */
export function differs(before: TrackingSource, now: SourceVersion): boolean {
  const fields = ['etag', 'last_modified', 'size'] as const;
  return fields.some((f) => before[f] !== undefined && now[f] !== undefined && before[f] !== now[f]);
}

/**
 * Downloads the source into a temp name beside `abs`, then renames it over whatever is there
 * (moved aside first, removed once the new data is in place). On failure the temp copy and any
 * folders made for it are removed and `abs` is as it was. `beforeReplace`: run once the download
 * is complete, before anything at `abs` is touched; a failure it returns is the fetch's.
 */
async function fetchInto(source: UrlSource, abs: string, what: string, beforeReplace?: () => Promise<Failure | undefined>): Promise<{ ok: true; version: SourceVersion; replaced: boolean } | { ok: false; failure: Failure }> {
  const made = await makeParents(path.dirname(abs));
  const tmp = tempPathFor(abs);
  // Ctrl-C or kill during the download: the partial copy (and folders made for it) goes, then the
  // command ends as the signal would; the repro lock's dead pid is taken over by the next command
  const onSignal = (signal: NodeJS.Signals): void => {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (made !== undefined) fs.rmSync(made, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let version: SourceVersion;
  try {
    version = await source.download(tmp);
  } catch (err) {
    await fs.promises.rm(tmp, { recursive: true, force: true });
    if (made !== undefined) await fs.promises.rm(made, { recursive: true, force: true });
    if (err instanceof SourceProblem) return { ok: false, failure: sourceFailure(err, what) };
    const e = err as NodeJS.ErrnoException;
    if (typeof e.code === 'string' && typeof e.syscall === 'string') return { ok: false, failure: { kind: 'io', message: `cannot ${what}: ${e.message}` } };
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const refused = await beforeReplace?.();
  if (refused !== undefined) {
    await fs.promises.rm(tmp, { recursive: true, force: true });
    if (made !== undefined) await fs.promises.rm(made, { recursive: true, force: true });
    return { ok: false, failure: refused };
  }
  const replaced = exists(abs);
  if (replaced) {
    const old = tempPathFor(abs);
    await fs.promises.rename(abs, old);
    await fs.promises.rename(tmp, abs);
    await removeTree(old);
  } else {
    await fs.promises.rename(tmp, abs);
  }
  return { ok: true, version, replaced };
}

/** Makes `dir` and its missing parents; returns the topmost one it made (to remove on failure). */
async function makeParents(dir: string): Promise<string | undefined> {
  let top: string | undefined;
  for (let d = dir; !exists(d); d = path.dirname(d)) top = d;
  if (top !== undefined) await fs.promises.mkdir(dir, { recursive: true });
  return top;
}

/** `what`: `import <url>` or `update <path> from <url>`. */
function sourceFailure(err: unknown, what: string): Failure {
  if (err instanceof SourceProblem) return { kind: 'import-source', message: `cannot ${what}: ${err.detail}${err.hint ? `; ${err.hint}` : ''}` };
  throw err;
}

function entryFor(file: string, rel: string, info: HashInfo): { path: string; hash: string; size: number; nfiles: number; isexec?: true } {
  const dir = path.posix.dirname(file);
  return { path: dir === '.' ? rel : path.posix.relative(dir, rel), hash: info.hash, size: info.size, nfiles: info.nfiles, ...(info.isexec === true ? { isexec: true as const } : {}) };
}

/** An existing folder that no .pipe file tracks as data: PATH names where to put the data, as `cp` takes it. */
function isPlainFolder(root: string, abs: string, tracked: Tracked[]): boolean {
  const rel = toRootRelative(root, '', abs);
  if (rel !== undefined && tracked.some((t) => t.path === rel)) return false;
  try {
    return fs.statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

function exists(abs: string): boolean {
  try {
    fs.lstatSync(abs);
    return true;
  } catch {
    return false;
  }
}

function isWithinAbs(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith(path.sep) ? outer : outer + path.sep);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
