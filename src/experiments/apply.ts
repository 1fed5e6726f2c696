// `pipe exp apply`: an experiment's params back into params.yaml and the other params files its
// record holds (comments kept) and its pipeline.lock, so `pipe checkout` restores exactly the outs
// it names; outs declared `cache: false` come back from the record itself. Everything it needs is
// checked before anything is written (a params file that does not parse, data or an output that
// neither the cache nor the record holds stop it there), and the files are written together: all
// of them or, when one cannot be written, none.
import { join, posix } from 'node:path';
import { Hasher } from '../stores/hash-path.js';
import { ObjectCache } from '../stores/objects.js';
import { parseLock, type LockEntry } from '../stores/lockfile.js';
import { parseTrackingFile } from '../stores/tracking-file.js';
import { readDeclarations } from './declared.js';
import { readIfExists } from './files.js';
import { refuse, success, type Outcome } from './failure.js';
import { restoreParams } from './params-edit.js';
import type { ExperimentRecord } from './schema.js';
import { PARAMS_FILE } from './workspace.js';
import { writeTogether, type FileWrite } from './write-together.js';

/** Why apply left a params file of today's pipeline as it is. */
export type LeftAloneReason =
  /** a record from before `other_params`: it holds params.yaml alone */
  | 'old-record'
  /** the record holds it as missing (null): apply deletes nothing */
  | 'missing-then'
  /** no stage named it when the experiment ran, so its record does not hold it */
  | 'not-named-then';

export interface ApplyResult {
  /** params.yaml, then each other params file the record holds: whether apply changed it */
  paramsFiles: { path: string; changed: boolean }[];
  /** params files apply did not touch, though the pipeline names them or they exist */
  leftAlone: { path: string; why: LeftAloneReason }[];
  /** the `cache: false` outs written from the record itself (changed: their text was not that already) */
  recordOuts: { path: string; changed: boolean }[];
  /** the lock was put back and outs can be checked out (false: the record holds no pipeline.lock) */
  outsRestorable: boolean;
  /**
   * the tracking files of `pipe add`ed data its record holds: whether apply changed each, and for
   * one it left as it was whose data in the workspace differs from it (or is missing): that data's
   * path, and whether apply checks the recorded version out (a stage reads it: the outputs apply
   * restores were made from it) or leaves it as it is (no stage reads it)
   */
  trackedFiles: { path: string; changed: boolean; differs?: { path: string; restore: boolean } }[];
}

export async function applyExperiment(root: string, rec: ExperimentRecord): Promise<Outcome<ApplyResult>> {
  const planned = await planParams(root, rec);
  if (!planned.ok) return planned;
  const { writes, paramsFiles, leftAlone } = planned.value;
  const tracked = await planTracked(root, rec, true);
  if (!tracked.ok) return tracked;
  // a data version the cache lacks: nothing written, rather than params and .pipe files whose
  // data cannot follow them (a repro would then run the experiment's params on other data)
  const objects = new ObjectCache(root);
  const absent = tracked.value.data.filter((d) => !objects.hasAll(d.hash)).map((d) => d.path);
  if (absent.length > 0) {
    return refuse(`the version of ${absent.join(', ')} it ran on is not in the cache: nothing was applied`, { hint: '`pipe pull` fetches it from the remote, then apply again' });
  }
  writes.push(...tracked.value.writes);
  const trackedFiles = tracked.value.files;
  let recordOuts: ApplyResult['recordOuts'] = [];
  const done = (more: FileWrite[], outsRestorable: boolean): Promise<Outcome<ApplyResult>> =>
    writeTogether(root, [...writes, ...more]).then((w) => (w.ok ? success({ paramsFiles, leftAlone, recordOuts, outsRestorable, trackedFiles }) : w));
  if (rec.pipeline_lock === null) return done([], false);
  const found = await experimentOuts(root, rec);
  if (!found.ok) return found;
  const { uncached, notInCache, notInRecord } = found.value;
  // an output it cannot give back: nothing written, rather than params whose outputs cannot follow
  if (notInCache.length > 0 || notInRecord.length > 0) return refuse(...missingOutsRefusal(rec, notInCache, notInRecord));
  // the uncached outs after the params, the lock last: until the lock changes, status shows the old run
  const outs = Object.entries(rec.uncached_outs).filter(([path]) => uncached.has(path)).map(([path, text]) => ({ path, text }));
  // said by apply itself: the checkout after it finds them in place and calls them up to date
  recordOuts = await Promise.all(outs.map(async (o) => ({ path: o.path, changed: (await readIfExists(join(root, o.path))) !== o.text })));
  return done([...outs, { path: 'pipeline.lock', text: rec.pipeline_lock }], true);
}

/** What apply says when outputs of the experiment can come back from neither the cache nor its record. */
function missingOutsRefusal(rec: ExperimentRecord, notInCache: string[], notInRecord: string[]): [string, { hint: string }] {
  const label = rec.name ?? rec.id;
  const what = [
    ...(notInCache.length > 0 ? [`the cache does not hold ${notInCache.join(', ')}`] : []),
    ...(notInRecord.length > 0 ? [`its record does not hold ${notInRecord.join(', ')} (cache: false, too large or a folder)`] : []),
  ];
  const again = `run it again with \`pipe exp run\` and its params (\`pipe exp show ${label} --all\` lists them)`;
  const hint = notInCache.length > 0 ? `\`pipe pull\` fetches what the remote has, then \`pipe exp apply ${label}\` again; or ${again}` : again;
  return [`cannot apply ${label}: ${what.join(', and ')}; nothing was applied`, { hint }];
}

export interface ParamsPlan {
  writes: FileWrite[];
  paramsFiles: ApplyResult['paramsFiles'];
  leftAlone: ApplyResult['leftAlone'];
}

/** The new text of params.yaml and of each other params file the record holds; writes nothing. */
export async function planParams(root: string, rec: ExperimentRecord): Promise<Outcome<ParamsPlan>> {
  const plan: ParamsPlan = { writes: [], paramsFiles: [], leftAlone: [] };
  const restore = async (path: string, data: unknown): Promise<Outcome<void>> => {
    const before = await readText(root, path);
    if (!before.ok) return before;
    const after = restoreParams(before.value ?? '', data, path);
    if (!after.ok) return after;
    const changed = after.value !== before.value;
    if (changed) plan.writes.push({ path, text: after.value });
    plan.paramsFiles.push({ path, changed });
    return success(undefined);
  };
  if (rec.params !== null && rec.params !== undefined) {
    const r = await restore(PARAMS_FILE, rec.params);
    if (!r.ok) return r;
  } else {
    plan.paramsFiles.push({ path: PARAMS_FILE, changed: false });
  }
  // the files today's pipeline names, to say which of them the record cannot give back
  const declared = readDeclarations((await readIfExists(join(root, 'pipeline.yaml'))) ?? '', rec.params, 'pipeline.yaml', rec.other_params);
  const named = declared.ok ? declared.value.paramsFiles.filter((f) => f !== PARAMS_FILE) : [];
  if (rec.other_params === undefined) {
    plan.leftAlone.push(...named.map((path) => ({ path, why: 'old-record' as const })));
    return success(plan);
  }
  for (const [path, data] of Object.entries(rec.other_params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // records are files anyone can edit: never a path outside the project
    const norm = posix.normalize(path);
    if (posix.isAbsolute(norm) || norm === '..' || norm.startsWith('../')) {
      return refuse(`its record holds params file '${path}', outside the project: nothing was applied`, { where: `metrics/experiments/${rec.id}.json` });
    }
    if (norm === PARAMS_FILE) continue; // `params` holds it; pipe never records it twice
    if (data === null) {
      // missing when it ran: deleting the file now could lose work, and no stage run without it
      const now = await readText(root, path);
      if (!now.ok || now.value !== undefined) plan.leftAlone.push({ path, why: 'missing-then' });
      continue;
    }
    const r = await restore(path, data);
    if (!r.ok) return r;
  }
  for (const path of named) if (!(path in rec.other_params)) plan.leftAlone.push({ path, why: 'not-named-then' });
  return success(plan);
}

/**
 * The tracking files (`pipe add`) the record holds, to write back: which version of the raw data
 * the experiment ran on. Only `.pipe` files inside the project (records are files anyone can edit).
 * `workspace`: the data of a tracking file already as the record holds it is looked at too; when
 * it is missing or differs (edited since, never added) and a stage of pipeline.yaml reads it, it
 * counts with the changed ones, since the outputs apply restores were made from the recorded
 * version, not from that (`differs` says so either way).
 */
export async function planTracked(root: string, rec: ExperimentRecord, workspace = false): Promise<Outcome<{ writes: FileWrite[]; files: ApplyResult['trackedFiles']; data: { path: string; hash: string }[] }>> {
  const writes: FileWrite[] = [];
  const files: ApplyResult['trackedFiles'] = [];
  /** the data each changed tracking file names (and, with `workspace`, each differing one): where, and the version to check out */
  const data: { path: string; hash: string }[] = [];
  const hasher = workspace ? new Hasher(root) : undefined;
  // the deps of today's pipeline, as `pipe checkout` will restore against it
  const declared = workspace ? readDeclarations((await readIfExists(join(root, 'pipeline.yaml'))) ?? '', rec.params, 'pipeline.yaml', rec.other_params) : undefined;
  const deps = declared?.ok ? declared.value.deps.map((d) => d.path) : [];
  const read = (p: string) => deps.some((d) => d === p || d.startsWith(`${p}/`) || p.startsWith(`${d}/`));
  for (const [path, text] of Object.entries(rec.tracked_files ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const norm = posix.normalize(path);
    if (posix.isAbsolute(norm) || norm === '..' || norm.startsWith('../') || !norm.endsWith('.pipe') || typeof text !== 'string') {
      return refuse(`its record holds tracking file '${path}', not a .pipe file inside the project: nothing was applied`, { where: `metrics/experiments/${rec.id}.json` });
    }
    const now = await readText(root, norm);
    if (!now.ok) return now;
    const changed = now.value !== text;
    if (!changed && hasher === undefined) {
      files.push({ path: norm, changed });
      continue;
    }
    const parsed = parseTrackingFile(text, norm);
    if (!parsed.ok) {
      // one already in the workspace as it is does not parse there either: status and checkout say so
      if (!changed) {
        files.push({ path: norm, changed });
        continue;
      }
      return refuse(`its record holds ${norm} as text that does not parse (${parsed.failure.message}): nothing was applied`, { where: `metrics/experiments/${rec.id}.json` });
    }
    const dir = posix.dirname(norm);
    const version = { path: dir === '.' ? parsed.value.out.path : `${dir}/${parsed.value.out.path}`, hash: parsed.value.out.hash };
    if (changed) {
      data.push(version);
      writes.push({ path: norm, text });
      files.push({ path: norm, changed });
      continue;
    }
    const have = await hasher?.hashPath(version.path);
    if (have?.hash === version.hash) {
      files.push({ path: norm, changed });
      continue;
    }
    if (read(version.path)) data.push(version);
    files.push({ path: norm, changed, differs: { path: version.path, restore: read(version.path) } });
  }
  hasher?.save();
  return success({ writes, files, data });
}

/** A file's text, undefined when missing; a folder (or anything unreadable) in its place is refused. */
async function readText(root: string, path: string): Promise<Outcome<string | undefined>> {
  try {
    return success(await readIfExists(join(root, path)));
  } catch (err) {
    return refuse(`cannot read ${path}: ${(err as Error).message}`, { where: path });
  }
}

export interface ExperimentOuts {
  /** every out its pipeline.lock names */
  outs: LockEntry[];
  /** those declared `cache: false`: they come back from the record itself */
  uncached: Set<string>;
  /** outs neither the cache nor the record holds: apply can restore none of them then */
  missing: string[];
  /** of those, the cached ones (`pipe pull` may bring them) */
  notInCache: string[];
  /** and the `cache: false` ones the record does not hold (too large, a folder) */
  notInRecord: string[];
}

/** The outputs an experiment's lock names, and which of them can be restored (apply and its guard). */
export async function experimentOuts(root: string, rec: ExperimentRecord): Promise<Outcome<ExperimentOuts>> {
  const lock = parseLock(rec.pipeline_lock ?? '', `${rec.id}.json (pipeline_lock)`);
  if (!lock.ok) return refuse(lock.failure.message, { where: `metrics/experiments/${rec.id}.json` });
  const cache = new ObjectCache(root);
  const declared = readDeclarations((await readIfExists(join(root, 'pipeline.yaml'))) ?? '', rec.params, 'pipeline.yaml', rec.other_params);
  const uncached = new Set(declared.ok ? declared.value.uncached : []);
  const outs = Object.values(lock.value.stages).flatMap((stage) => stage.outs);
  const notInRecord = outs.filter((o) => uncached.has(o.path) && rec.uncached_outs[o.path] === undefined).map((o) => o.path);
  const notInCache = outs.filter((o) => !uncached.has(o.path) && !cache.hasAll(o.hash)).map((o) => o.path);
  const missing = outs.map((o) => o.path).filter((p) => notInRecord.includes(p) || notInCache.includes(p));
  return success({ outs, uncached, missing, notInCache, notInRecord });
}
