// One side of a comparison: the workspace, a git revision, or a recorded experiment, each seen
// as the same ProjectState. `pipe metrics/params diff` and `pipe plots diff` resolve their
// arguments here: `workspace`, then experiment ids/names, then git revisions.
// A revision's cached metrics, plots and params files this cache lacks come from the remote
// (remote/fetch-objects.ts), as DVC 3 reads other revisions through a filesystem that fetches.
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { objectsDir } from '../stores/layout.js';
import { readIfExists } from './files.js';
import { refuse, success, type Outcome } from './failure.js';
import { noDeclarations, readDeclarations } from './declared.js';
import { listFolder, repoPrefix, resolveCommit, showFile } from './git.js';
import { ambiguousName, experimentLabel, findExperiment, loadExperiments } from './store.js';
import { PARAMS_FILE, readProjectState, recordedFilesOf, workspaceSource, type ListFiles, type ProjectState, type ReadText, type ReadWant } from './workspace.js';
import { isUnder, keepUnder } from './targets.js';
import { isRecord } from './declared.js';
import type { AbsentReasons } from './diff.js';
import type { WantedObject } from '../remote/fetch-objects.js';

export interface Snapshot {
  /** column header: `workspace`, the revision as given, or the experiment's name/id */
  label: string;
  kind: 'workspace' | 'git' | 'experiment';
  state: ProjectState;
  /** where metrics/plots files were found outside git (the cache), for notes */
  notes: string[];
  /** files an experiment record holds as null, and why (its stale_stages); a revision's the cache lacks */
  absent: AbsentReasons;
}

export const WORKSPACE = 'workspace';

/**
 * `usage`: the command comparing, as a user would run it on two experiments (`pipe metrics diff
 * A B`), for the hint when git has nothing to compare with.
 */
export async function resolveSnapshot(
  root: string,
  ref: string,
  want: ReadWant,
  usage = 'pipe metrics diff A B',
): Promise<Outcome<Snapshot>> {
  if (ref === WORKSPACE) {
    const state = await readProjectState(workspaceSource(root), want);
    return state.ok ? success({ label: WORKSPACE, kind: 'workspace', state: state.value, notes: [], absent: {} }) : state;
  }
  const { records } = await loadExperiments(root);
  const rec = findExperiment(records, ref);
  // a name two records hold is not taken for a git revision either: the ids tell them apart
  const ambiguous = rec === undefined ? ambiguousName(records, ref) : undefined;
  if (ambiguous !== undefined) return { ok: false, failure: ambiguous };
  if (rec) {
    const pipelineText = (await readIfExists(join(root, 'pipeline.yaml'))) ?? '';
    const read = readDeclarations(pipelineText, rec.params, 'pipeline.yaml', rec.other_params);
    // a folder under metrics:/plots: stands for the files of it that the record holds
    const declared = read.ok
      ? success({
          ...read.value,
          metrics: recordedFilesOf(read.value.metrics, Object.keys(rec.metrics)),
          plots: recordedFilesOf(read.value.plots, Object.keys(rec.plots)),
        })
      : read;
    // The record carries its own data; today's pipeline.yaml only names files it did not record.
    const state: ProjectState = {
      params: rec.params ?? undefined,
      otherParams: { ...rec.other_params },
      declared: declared.ok ? declared.value : noDeclarations(),
      metrics: { ...rec.metrics },
      plots: { ...rec.plots } as ProjectState['plots'],
      broken: [],
    };
    // targets: the files of the record under them (a record holds no file pipeline.yaml did not declare)
    if (want.targets !== undefined) {
      const targets = want.targets;
      state.metrics = keepUnder(state.metrics, targets);
      state.plots = keepUnder(state.plots, targets);
      const under = (d: { path: string }) => targets.some((t) => isUnder(d.path, t));
      state.declared = { ...state.declared, metrics: state.declared.metrics.filter(under), plots: state.declared.plots.filter(under) };
    }
    const absent: AbsentReasons = {};
    if (declared.ok) {
      for (const d of [...declared.value.metrics, ...declared.value.plots]) {
        if (rec.stale_stages?.includes(d.stage)) absent[d.path] = `stage '${d.stage}' was out of date after that run`;
      }
      // a record from before other_params: not "missing", just never asked
      if (want.params && rec.other_params === undefined) {
        for (const f of declared.value.paramsFiles) if (f !== PARAMS_FILE) absent[f] = 'its record, from an older pipe, holds params.yaml alone';
      }
    }
    // a name given to a git branch or tag too (`pipe exp branch lr-0.002 lr-0.002`): say which was meant
    const alsoRevision = ref !== rec.id && (await resolveCommit(root, ref)) !== undefined;
    const shadowed = alsoRevision ? [`'${ref}' names both an experiment and a git revision: compared the experiment (name the revision by its commit id to compare that)`] : [];
    return success({ label: experimentLabel(rec), kind: 'experiment', state, notes: shadowed, absent });
  }
  const prefix = await repoPrefix(root);
  if (prefix === undefined) {
    return refuse(`'${ref}' is not an experiment id or name, and ${root} is not in a git repository`, {
      hint: 'list experiments with `pipe exp show`',
      exitCode: 2,
    });
  }
  const commit = await resolveCommit(root, ref);
  if (commit === undefined && (await resolveCommit(root, 'HEAD')) === undefined) {
    // `git init`, no commit yet: no revision can name anything, HEAD (the default side) included
    const what = ref === 'HEAD' ? 'there is no HEAD to compare with (the side compared by default): the git repository has no commit yet' : `'${ref}' is not an experiment id or name, and the git repository has no commit yet`;
    return refuse(what, {
      hint: `compare two experiments instead: \`${usage}\`, A and B ids or names from \`pipe exp show\` (or \`workspace\`); or commit, then compare with HEAD`,
      exitCode: 2,
    });
  }
  if (commit === undefined) {
    return refuse(`'${ref}' is neither an experiment id/name nor a git revision`, {
      hint: 'list experiments with `pipe exp show`, revisions with `git log`',
      exitCode: 2,
    });
  }
  const lockText = (await showFile(root, commit, `${prefix}pipeline.lock`))?.toString('utf8');
  let seen = await readRevision(root, commit, prefix, lockText, ref, want);
  // What the cache lacks of the revision's own metrics, plots and params files (never its data):
  // fetched from the remote, then read again; a folder's manifest first, then its files
  // remote's words → the paths fetched from it
  const fetchedFrom = new Map<string, string[]>();
  const failed = new Map<string, string>();
  const tried = new Set<string>();
  for (let round = 0; round < 3 && seen.state.ok; round++) {
    const wanted = fetchable(seen.misses, seen.state.value).filter((w) => !tried.has(w.hash));
    if (wanted.length === 0) break;
    for (const w of wanted) tried.add(w.hash);
    const { fetchObjects } = await import('../remote/fetch-objects.js');
    const report = await fetchObjects(root, wanted);
    for (const [path, why] of report.failed) failed.set(path, why);
    for (const { remote, paths } of report.fetched) fetchedFrom.set(remote, [...(fetchedFrom.get(remote) ?? []), ...paths]);
    if (report.fetched.length === 0) break;
    seen = await readRevision(root, commit, prefix, lockText, ref, want);
  }
  const { state, cacheNotes, absent } = seen;
  for (const [path, why] of failed) if (absent[path] !== undefined) absent[path] = { notInCache: true, fetchFailed: why };
  // one line per remote, a folder named for its files; what was fetched is not also "read from the cache"
  const fetched = [...fetchedFrom.values()].flat();
  const fetchedNotes = [...fetchedFrom].map(([remote, paths]) => {
    const shown = paths.filter((p) => !paths.some((o) => o !== p && isUnder(p, o)));
    return `fetched ${listed(shown)} at ${ref} from ${remote} into the local cache (that revision's pipeline.lock names ${shown.length === 1 ? 'it' : 'them'})`;
  });
  const notes = [...fetchedNotes, ...[...cacheNotes].filter(([path]) => !fetched.some((f) => isUnder(path, f))).map(([, note]) => note)];
  return state.ok ? success({ label: ref, kind: 'git', state: state.value, notes, absent }) : state;
}

interface RevisionRead {
  state: Outcome<ProjectState>;
  /** path → "read from the cache" note */
  cacheNotes: Map<string, string>;
  absent: AbsentReasons;
  /** the files (a folder: its manifest) the revision's pipeline.lock names and the cache lacks: path → object hash */
  misses: Map<string, string>;
}

/** The revision's files: from git, else from the cache by the hash its pipeline.lock records. */
async function readRevision(root: string, commit: string, prefix: string, lockText: string | undefined, ref: string, want: ReadWant): Promise<RevisionRead> {
  const cacheNotes = new Map<string, string>();
  const absent: AbsentReasons = {};
  const misses = new Map<string, string>();
  // files of folder outs listed from their cached manifest: path → object hash
  const inCachedFolders = new Map<string, string>();
  const read: ReadText = async (path) => {
    const inGit = await showFile(root, commit, `${prefix}${path}`);
    if (inGit !== undefined) return inGit.toString('utf8');
    // Outputs are often not committed; the lock at that revision still names their content.
    const hash = inCachedFolders.get(path) ?? (lockText === undefined ? undefined : cachedFileHash(lockText, path));
    const fromCache = hash === undefined ? undefined : await readObject(root, hash);
    if (fromCache !== undefined) cacheNotes.set(path, `${path} at ${ref}: read from the cache (pipeline.lock at that revision)`);
    // the revision has the file; this cache does not (say so, not "missing in <rev>")
    else if (hash !== undefined) {
      absent[path] = { notInCache: true };
      misses.set(path, hash);
    }
    return fromCache;
  };
  const list: ListFiles = async (path) => {
    // a name with a data file's extension is taken as a file: it spares a git process per
    // declared file (most are), and a folder named `x.json` is rare enough
    if (/\.(json|ya?ml|csv|tsv)$/i.test(path)) return undefined;
    const inGit = await listFolder(root, commit, `${prefix}${path}`);
    if (inGit !== undefined && inGit.length > 0) return inGit.map((p) => p.slice(prefix.length)).sort();
    const manifest = lockText === undefined ? undefined : await readCachedManifest(root, lockText, path);
    if (manifest === 'not in cache') {
      const hash = lockedHash(lockText ?? '', path);
      if (hash !== undefined) misses.set(path, hash);
      absent[path] = { notInCache: true };
      return undefined;
    }
    if (manifest === undefined) return undefined;
    for (const e of manifest) inCachedFolders.set(`${path}/${e.relpath}`, e.hash);
    return manifest.map((e) => `${path}/${e.relpath}`).sort();
  };
  const state = await readProjectState({ read, list }, want);
  return { state, cacheNotes, absent, misses };
}

/**
 * Of the files the cache lacks, those that are the revision's declared metrics or plots files
 * (or folders), or params files its stages read: small files, never a dataset (a --targets file
 * no stage declares is not fetched). Each with the `remote:` its declaration gives.
 */
function fetchable(misses: Map<string, string>, state: ProjectState): WantedObject[] {
  const wanted: WantedObject[] = [];
  const params = new Set([PARAMS_FILE, ...state.declared.paramsFiles]);
  for (const [path, hash] of misses) {
    const d = [...state.declared.metrics, ...state.declared.plots].find((e) => e.path === path && e.stage !== '');
    if (d === undefined && !params.has(path)) continue;
    const remote = d?.options.remote;
    wanted.push({ path, hash, ...(typeof remote === 'string' && remote !== '' ? { remote } : {}) });
  }
  return wanted;
}

/** `a, b and c`, the first five, for a note. */
function listed(paths: string[]): string {
  const sorted = [...paths].sort();
  const shown = sorted.slice(0, 5);
  const more = sorted.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** The object hash of a file out named in a pipeline.lock text (not a folder's `.dir`). */
function cachedFileHash(lockText: string, path: string): string | undefined {
  const hash = lockedHash(lockText, path);
  return hash === undefined || !/^[0-9a-f]{8,}$/.test(hash) ? undefined : hash;
}

/** The files of a folder out named in a pipeline.lock text, from its cached manifest. */
async function readCachedManifest(root: string, lockText: string, path: string): Promise<{ relpath: string; hash: string }[] | 'not in cache' | undefined> {
  const hash = lockedHash(lockText, path);
  if (hash === undefined || !/^[0-9a-f]{8,}\.dir$/.test(hash)) return undefined;
  const text = await readObject(root, hash);
  if (text === undefined) return 'not in cache';
  let manifest: unknown;
  try {
    manifest = text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(manifest)) return undefined;
  return manifest.filter((e): e is { relpath: string; hash: string } => isRecord(e) && typeof e.relpath === 'string' && typeof e.hash === 'string');
}

function lockedHash(lockText: string, path: string): string | undefined {
  try {
    return findHash(parseYaml(lockText), path);
  } catch {
    return undefined;
  }
}

function readObject(root: string, hash: string): Promise<string | undefined> {
  return readIfExists(join(objectsDir(root), hash.slice(0, 2), hash.slice(2)));
}

/** Any `{path, hash}` entry in the lock naming `path` (outs, metrics or plots lists alike). */
function findHash(node: unknown, path: string): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const h = findHash(item, path);
      if (h !== undefined) return h;
    }
    return undefined;
  }
  if (!isRecord(node)) return undefined;
  if (node.path === path && typeof node.hash === 'string') return node.hash;
  for (const v of Object.values(node)) {
    const h = findHash(v, path);
    if (h !== undefined) return h;
  }
  return undefined;
}
