// A run starts by removing its outputs (stale results must not leak into new ones). What an output
// path holds is usually what pipeline.lock records, or at least what the cache holds, and then
// removing it loses nothing. When it holds content neither records (an `outs: [src]` written by
// mistake over source code, a file made by hand before the stage first ran, notes added to an
// output folder), the run moves it aside into `.pipe/kept/<time>-<stage>/<path>` instead of
// deleting it, and a warning names it. A restore that would overwrite content the cache does not
// hold (`pipe repro` from pipeline.lock or the run-cache, `pipe checkout --force`, `pipe pull -f`,
// `pipe exp apply --force`), or a delete that would lose it (`pipe remove --outs --force`, an
// output of a foreach item another branch made), keeps it in the same folder first: a file moved, of a folder the files
// the cache does not hold copied (keepBeforeRestore). Moving (one rename) rather than storing it in the cache:
// it costs nothing however large the content is, loses nothing (a rename is all or nothing; when
// it fails the stage fails and nothing is removed), and getting it back is a plain `mv`, with no
// cache object that `pipe gc` would later delete. What a failed run of the stage left there is
// not moved (`.pipe/failed-outs.json` records it). `pipe status` and `repro --dry` name such an
// output beforehand (reason `out-unrecorded`). Nothing of this runs for a stage that is up to
// date: a no-op `pipe status` costs the same.
import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Reason } from './events.js';
import { heldByCache, seenAsRecorded, STATE_DIR, writeFileAtomic, type LockStage, type Stores } from './store-adapter.js';
import { stageOutputs, type StageSpec } from './types.js';

/** Where moved-aside output content goes, below the project root. */
export const KEPT_DIR = `${STATE_DIR}/kept`;

/**
 * The outputs a run of `stage` would remove whose content neither `locked` (the stage's
 * pipeline.lock entry) nor the cache holds: `persist` outputs are left in place, so never.
 */
export async function unrecordedOutputs(stage: StageSpec, locked: LockStage | undefined, stores: Stores): Promise<Reason[]> {
  const reasons: Reason[] = [];
  for (const out of stageOutputs(stage)) {
    if (out.persist) continue;
    const have = await stores.hasher.hashPath(out.path);
    if (have === undefined) continue;
    const want = locked?.outs.find((o) => o.path === out.path);
    if (want !== undefined && seenAsRecorded(stores.objects, stores.hasher, out.path, have, want)) continue;
    if (await heldByCache(stores.objects, stores.hasher, out.path, have.hash)) continue;
    // what a failed or interrupted run of the stage left is its own, not the user's: retrying a
    // failing stage must not pile its partial outputs up in .pipe/kept/
    if (leftByFailedRun(stores.projectRoot, out.path, have.hash)) continue;
    reasons.push({ kind: 'out-unrecorded', path: out.path });
  }
  return reasons;
}

/** The paths among `reasons` whose content the cache does not hold: a run moves them aside. */
export function pathsToKeep(reasons: readonly Reason[]): Set<string> {
  return new Set(reasons.flatMap((r) => (r.kind === 'out-unrecorded' || r.kind === 'out-unsaved' ? [r.path] : [])));
}

/**
 * Moves output `path` (root-relative) to `.pipe/kept/<time>-<stage>/<path>` and returns the
 * warning to give: how many of its files the cache does not hold (up to three named), where it
 * went, how to get it back. Throws the rename's error (the stage then fails, nothing removed).
 */
export async function moveAside(root: string, stage: string, path: string, stores: Stores, stamp: string): Promise<string> {
  // counted before the move, while the stat cache still knows the path
  const unheld = await unheldFiles(path, stores);
  const { folder, kept } = keptPlace(root, stage, path, stamp);
  mkdirSync(dirname(join(root, kept)), { recursive: true });
  try {
    renameSync(join(root, path), join(root, kept));
  } catch (err) {
    // a folder moved to another parent needs its own write bit (its `..` entry changes)
    if ((err as NodeJS.ErrnoException).code !== 'EACCES') throw err;
    const st = statSync(join(root, path));
    if (!st.isDirectory()) throw err;
    chmodSync(join(root, path), st.mode | 0o200);
    renameSync(join(root, path), join(root, kept));
  }
  return keptWarning(path, unheld, folder, kept, 'moved', 'before the run instead of deleting it', 'neither pipeline.lock nor the cache records');
}

/**
 * Before a restore puts `record`'s version (`pipeline.lock`, `the run-cache`, `data/raw.pipe`) of
 * `path` back over content the cache does not hold: a file is moved to
 * `.pipe/kept/<time>-<stage>/<path>` as a run moves it; of a folder only the files the cache does
 * not hold are copied there, so that the restore still keeps the folder's other files in place
 * (link-unchanged.ts) and rewrites only what differs. Returns the warning to give; throws the
 * move's or copy's error (nothing is restored then). Undefined: nothing there to keep.
 */
export async function keepBeforeRestore(root: string, stage: string, path: string, stores: Stores, stamp: string, record: string, deleting?: (it: string) => string): Promise<string | undefined> {
  const detailed = await stores.hasher.hashPathDetailed(path);
  const manifest = detailed?.manifest;
  const why = 'the cache does not hold';
  const them = manifest === undefined ? 'it' : 'them';
  // `deleting`: the path is about to be deleted (`pipe remove --outs --force`), not restored over: when, in its words
  const instead = deleting !== undefined ? deleting(them) : `before putting back the version ${record} records, instead of overwriting ${them}`;
  if (detailed === undefined) return undefined;
  if (manifest === undefined) {
    const { folder, kept } = keptPlace(root, stage, path, stamp);
    mkdirSync(dirname(join(root, kept)), { recursive: true });
    renameSync(join(root, path), join(root, kept));
    return keptWarning(path, [path], folder, kept, 'moved', instead, why);
  }
  const unheld = manifest.filter((e) => !stores.objects.has(e.hash)).map((e) => e.relpath);
  if (unheld.length === 0) return undefined;
  const { folder, kept } = keptPlace(root, stage, path, stamp);
  for (const rel of unheld) {
    const to = join(root, kept, rel);
    mkdirSync(dirname(to), { recursive: true });
    // a hard link costs nothing whatever the size, and is safe: a restore never writes into a
    // file that differs from the record, it builds the folder anew and renames it in
    try {
      linkSync(join(root, path, rel), to);
    } catch {
      copyFileSync(join(root, path, rel), to);
    }
  }
  return keptWarning(path, unheld.map((r) => `${path}/${r}`), folder, kept, 'copied', instead, why);
}

/** What the cache does not hold of `path` now: the path itself for a file, else its folder's files. */
async function unheldFiles(path: string, stores: Stores): Promise<string[]> {
  const detailed = await stores.hasher.hashPathDetailed(path);
  const manifest = detailed?.manifest;
  return manifest === undefined ? [path] : manifest.filter((e) => !stores.objects.has(e.hash)).map((e) => `${path}/${e.relpath}`);
}

/** `.pipe/kept/<stamp>-<stage>[-n]`, the first whose `<path>` is free, and `<path>` in it. */
function keptPlace(root: string, stage: string, path: string, stamp: string): { folder: string; kept: string } {
  const base = `${KEPT_DIR}/${stamp}-${stage.replace(/[/\\]/g, '_')}`;
  let folder = base;
  for (let n = 2; existsSync(join(root, folder, path)); n++) folder = `${base}-${n}`;
  return { folder, kept: `${folder}/${path}` };
}

function keptWarning(path: string, unheld: string[], folder: string, kept: string, how: 'moved' | 'copied', when: string, why: string): string {
  const shown = unheld.slice(0, 3).join(', ') + (unheld.length > 3 ? ', ...' : '');
  const files = `${unheld.length} file${unheld.length === 1 ? '' : 's'}`;
  const first = unheld[0] ?? path;
  const back = `\`cp ${folder}/${first} ${first}\``;
  return `'${path}' held ${files} ${why} (${shown}): ${how} to ${kept} ${when}; copy back what you need (${back}), then delete ${folder}`;
}

/** `20261207-181500`: the UTC time of a run, for the folder its moved-aside outputs go into. */
export function keptStamp(now: Date = new Date()): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** `.pipe/failed-outs.json`: output path → hash of what a failed or interrupted run of its stage left there. */
const FAILED_OUTS = `${STATE_DIR}/failed-outs.json`;

function readFailedOuts(root: string): Record<string, string> {
  try {
    const data = JSON.parse(readFileSync(join(root, FAILED_OUTS), 'utf8')) as unknown;
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, string>) : {};
  } catch {
    return {}; // none yet, or unreadable: nothing is taken for a failed run's leftovers
  }
}

function leftByFailedRun(root: string, path: string, hash: string): boolean {
  return readFailedOuts(root)[path] === hash;
}

/**
 * After a run of `stage` failed or was interrupted once its command started: records what its
 * outputs hold now, so that the next run removes these leftovers as its own instead of moving
 * them aside. Never fails the command: without the record they are only kept once more.
 */
export async function rememberFailedRun(stage: StageSpec, stores: Stores): Promise<void> {
  try {
    const recorded = readFailedOuts(stores.projectRoot);
    for (const out of stageOutputs(stage)) {
      if (out.persist) continue;
      const have = await stores.hasher.hashPath(out.path);
      if (have === undefined) delete recorded[out.path];
      else recorded[out.path] = have.hash;
    }
    mkdirSync(join(stores.projectRoot, STATE_DIR), { recursive: true });
    await writeFileAtomic(join(stores.projectRoot, FAILED_OUTS), `${JSON.stringify(recorded)}\n`);
  } catch {
    // best effort, see above
  }
}
