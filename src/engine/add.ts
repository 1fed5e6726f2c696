// `pipe add <path...>` (DVC's `dvc add`): puts a raw data file or folder that no stage produces
// into the content-addressed cache, hashed and stored exactly as a stage's outputs are, and
// records it in a tracking file beside it (`data/raw` → `data/raw.pipe`) that the user commits
// instead of the data. Every path is checked before anything is stored: one bad path stores none.
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { loadProject } from './config.js';
import { ignoredAddTarget } from './ignored-paths.js';
import type { EventSink } from './events.js';
import type { Failure } from './failure.js';
import { ignoreAdded } from './gitignore-outs.js';
import { isWithin, toRootRelative } from './paths.js';
import { lockProject } from './project-lock.js';
import { openStores, TRACKING_SUFFIX, writeTrackingFile, type HashInfo, type Stores } from './store-adapter.js';
import { loadTracked, nestedProjectOf, overlappingOutput, overlapWords, type Tracked } from './tracked.js';
import { PIPELINE_FILE } from './root.js';
import type { Project } from './types.js';

export type AddStatus = 'added' | 'updated' | 'unchanged';

export interface AddItem {
  /** root-relative path of the data */
  path: string;
  /** root-relative path of its tracking file */
  file: string;
  status: AddStatus;
  info: HashInfo;
}

export interface AddResult {
  failures: Failure[];
  items: AddItem[];
  lockedBy?: number;
}

/** Folders at the project root that are pipe's or git's own, never data to add. */
export const OWN_DIRS = ['.git', 'cache', '.pipe'];
/** pipe's files at the project root, committed as they are. */
export const PIPE_FILES = ['pipeline.yaml', 'pipeline.lock', 'pipe.config.yaml'];
/**
 * Folders pipe writes into among the user's files: experiment records (src/experiments/schema.ts)
 * and charts (`pipe plots show`). Tracked, they would differ from their .pipe file after every run
 * or drawing, and a `pipe checkout -f` would put old ones back over the new (records lost).
 */
export const WRITTEN_DIRS: { dir: string; what: string }[] = [
  { dir: 'metrics/experiments', what: 'experiment records' },
  { dir: 'plots', what: 'charts' },
];

/**
 * `paths` are absolute (the CLI resolves them from its working folder); `given` the same paths as
 * the user wrote them, for messages.
 */
export async function addPaths(root: string, paths: { abs: string; given: string }[], emit: EventSink = () => {}): Promise<AddResult> {
  const loaded = loadProject(root);
  if (!loaded.ok) return { failures: loaded.failures, items: [] };
  const project = loaded.value;
  const known = loadTracked(project);
  if (!known.ok) return { failures: known.failures, items: [] };
  const failures: Failure[] = [];
  const targets: string[] = [];
  for (const p of paths) {
    const rel = toRootRelative(root, '', p.abs);
    const problem = rel === undefined ? `'${p.given}' is outside the project (${root}); pipe add tracks files and folders inside it` : refusal(rel, project, known.value) ?? importedRefusal(rel, known.value);
    const hidden = rel === undefined || problem !== undefined ? undefined : ignoredAddTarget(root, rel);
    if (problem !== undefined) failures.push({ kind: 'add-target', message: problem });
    else if (hidden !== undefined) failures.push(hidden);
    else if (rel !== undefined && !targets.includes(rel)) targets.push(rel);
  }
  if (failures.length > 0) return { failures, items: [] };

  const acquired = await lockProject(root, { emit });
  if (!acquired.ok) return { failures: [acquired.failure], items: [], lockedBy: acquired.lockedBy };
  const stores = openStores(root);
  const items: AddItem[] = [];
  try {
    for (const rel of targets) {
      // a tracking file of another name (written by hand) that tracks this path is the one updated
      const item = await storeTracked(root, stores, rel, known.value.find((t) => t.path === rel));
      if (item === undefined) failures.push({ kind: 'add-target', message: `'${rel}' disappeared while it was being added; nothing recorded for it` });
      else items.push(item);
    }
    // unchanged ones too: data added before the project was a git repository gets its line now
    await ignoreAdded(root, items.map((i) => i.path), emit);
  } finally {
    stores.hasher.save();
    acquired.lock.release();
  }
  return { failures, items };
}

/**
 * Stores `rel` (root-relative) in the cache and records it in its tracking file (`before`'s, when
 * one tracks it already), written atomically; undefined when `rel` is gone. `pipe add` and
 * `pipe repro` (data-sources.ts: tracked data a stage reads, edited since it was added) share it.
 * The caller holds the project lock.
 */
export async function storeTracked(root: string, stores: Stores, rel: string, before: Tracked | undefined): Promise<AddItem | undefined> {
  const info = await stores.objects.save(rel, stores.hasher);
  if (info === undefined) return undefined;
  const file = before?.file ?? `${rel}${TRACKING_SUFFIX}`;
  // the exec bit is recorded too: a chmod alone updates the tracking file
  if (before?.entry.hash === info.hash && (before.entry.isexec === true) === (info.isexec === true)) return { path: rel, file, status: 'unchanged', info };
  const dir = posix.dirname(file);
  // `push:`/`remote:` written on the entry are the user's: kept as they are
  await writeTrackingFile(join(root, file), { path: dir === '.' ? rel : posix.relative(dir, rel), hash: info.hash, size: info.size, nfiles: info.nfiles, ...(info.isexec === true ? { isexec: true as const } : {}) }, undefined, before?.transfer);
  return { path: rel, file, status: before ? 'updated' : 'added', info };
}

/** Imported data is refreshed from its source, not re-recorded from whatever the workspace holds. */
function importedRefusal(rel: string, tracked: Tracked[]): string | undefined {
  const t = tracked.find((k) => k.path === rel && k.source !== undefined);
  if (t?.source === undefined) return undefined;
  return `'${rel}' was imported from ${t.source.url} (${t.file} records the source): \`pipe update ${rel}\` fetches its new version; to track it as your own data instead, delete ${t.file} and run \`pipe add ${rel}\``;
}

/**
 * Why `rel` cannot be added, or undefined when it can. `pipe import-url` (`command`) asks the
 * same about the path it downloads to, except that the path need not exist yet (it checks that
 * one itself) and the data tracked at that very path is its to replace.
 */
export function refusal(rel: string, project: Project, tracked: Tracked[], command: 'add' | 'import-url' = 'add'): string | undefined {
  if (rel === '') return 'the project root itself cannot be added; name a file or folder inside it';
  const top = rel.split('/')[0] ?? '';
  if (OWN_DIRS.includes(top)) return `'${rel}' is inside ${top}/, which ${top === '.git' ? 'is git\'s' : 'is pipe\'s own'}; name your data instead`;
  // the nested project's own commands keep it: a .pipe file written there from here would be
  // the nested project's (the parent's search stops at its pipeline.yaml), its object in our cache
  const nested = nestedProjectOf(project.root, rel);
  if (nested !== undefined) {
    const inner = nested === rel ? 'its data' : `'${posix.relative(nested, rel)}'`;
    return `'${rel}' ${nested === rel ? 'is' : `lies inside ${nested}/, which is`} a project of its own (it has its own ${PIPELINE_FILE}); run \`pipe ${command}\` on ${inner} inside ${nested}/`;
  }
  if (rel.endsWith(TRACKING_SUFFIX)) return `'${rel}' is a tracking file itself; add the data beside it ('${rel.slice(0, -TRACKING_SUFFIX.length)}')`;
  if (PIPE_FILES.includes(rel)) return `'${rel}' is one of pipe's own files; commit it to git`;
  const written = WRITTEN_DIRS.find((w) => isWithin(rel, w.dir) || isWithin(w.dir, rel));
  if (written) {
    const where = rel === written.dir ? 'is' : isWithin(rel, written.dir) ? 'lies inside' : 'holds';
    return `'${rel}' ${where} ${written.dir}/, where pipe writes ${written.what} after each run; add the data files themselves, not that folder`;
  }
  const owner = overlappingOutput(project, rel);
  if (owner) {
    const at = `${owner.out.location.file}:${owner.out.location.line}:${owner.out.location.col}`;
    return `'${rel}' ${overlapWords(rel, owner.out.path)} output '${owner.out.path}' of stage '${owner.stage}' (${at}); pipe keeps stage outputs through pipeline.lock, and \`pipe ${command}\` is for data no stage produces`;
  }
  if (command === 'add' && !existsSync(join(project.root, rel))) return `'${rel}' does not exist; pipe add tracks a file or folder that is there`;
  // the .pipe file records the name with `/` as the only separator, on every platform (git
  // carries it to Windows, where `\` is one too), so its reader refuses a backslash: refuse it here,
  // before anything is stored, rather than write a tracking file every later command rejects
  const name = posix.basename(rel);
  if (name.includes('\\')) {
    return `'${rel}' has a backslash in its name ('${name}'), which a .pipe file cannot record (it would be read as a folder separator on Windows); ${command === 'add' ? 'rename it without one' : 'name a path without one'} (e.g. '${name.replaceAll('\\', '_')}')${command === 'add' ? ' and add that' : ''}`;
  }
  const other = tracked.find((t) => t.path !== rel && (isWithin(rel, t.path) || isWithin(t.path, rel)));
  if (other) return `'${rel}' ${isWithin(rel, other.path) ? 'lies inside' : 'holds'} '${other.path}', which ${other.file} already tracks; add one or the other (delete ${other.file} to track '${rel}' instead)`;
  return undefined;
}
