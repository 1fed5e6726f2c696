// `pipe exp apply`: an experiment's params back into params.yaml (comments kept) and, when the
// cache still holds every out its pipeline.lock names, that lock back so `pipe checkout`
// restores exactly those outs; outs declared `cache: false` come back from the record itself.
import { join } from 'node:path';
import { ObjectCache } from '../stores/objects.js';
import { parseLock, type LockEntry } from '../stores/lockfile.js';
import { readDeclarations } from './declared.js';
import { readIfExists, writeFileAtomic } from './files.js';
import { refuse, success, type Outcome } from './failure.js';
import { restoreParams } from './params-edit.js';
import type { ExperimentRecord } from './schema.js';
import { PARAMS_FILE } from './workspace.js';

export interface ApplyResult {
  paramsChanged: boolean;
  /** the lock was put back and outs can be checked out */
  outsRestorable: boolean;
  /** outs named by the experiment's lock that the cache no longer holds */
  missingOuts: string[];
}

export async function applyExperiment(root: string, rec: ExperimentRecord): Promise<Outcome<ApplyResult>> {
  const paramsPath = join(root, PARAMS_FILE);
  const before = await readIfExists(paramsPath);
  let paramsChanged = false;
  if (rec.params !== null && rec.params !== undefined) {
    const after = restoreParams(before ?? '', rec.params);
    if (!after.ok) return after;
    if (after.value !== before) {
      await writeFileAtomic(paramsPath, after.value);
      paramsChanged = true;
    }
  }
  if (rec.pipeline_lock === null) return success({ paramsChanged, outsRestorable: false, missingOuts: [] });
  const found = await experimentOuts(root, rec);
  if (!found.ok) return found;
  const { uncached, missing } = found.value;
  if (missing.length > 0) return success({ paramsChanged, outsRestorable: false, missingOuts: missing });
  // the uncached outs first, the lock last: until the lock changes, status shows the old run
  for (const [path, text] of Object.entries(rec.uncached_outs)) {
    if (uncached.has(path)) await writeFileAtomic(join(root, path), text);
  }
  await writeFileAtomic(join(root, 'pipeline.lock'), rec.pipeline_lock);
  return success({ paramsChanged, outsRestorable: true, missingOuts: [] });
}

export interface ExperimentOuts {
  /** every out its pipeline.lock names */
  outs: LockEntry[];
  /** those declared `cache: false`: they come back from the record itself */
  uncached: Set<string>;
  /** outs neither the cache nor the record holds: apply can restore none of them then */
  missing: string[];
}

/** The outputs an experiment's lock names, and which of them can be restored (apply and its guard). */
export async function experimentOuts(root: string, rec: ExperimentRecord): Promise<Outcome<ExperimentOuts>> {
  const lock = parseLock(rec.pipeline_lock ?? '', `${rec.id}.json (pipeline_lock)`);
  if (!lock.ok) return refuse(lock.failure.message, { where: `metrics/experiments/${rec.id}.json` });
  const cache = new ObjectCache(root);
  const declared = readDeclarations((await readIfExists(join(root, 'pipeline.yaml'))) ?? '', rec.params);
  const uncached = new Set(declared.ok ? declared.value.uncached : []);
  const outs = Object.values(lock.value.stages).flatMap((stage) => stage.outs);
  const missing = outs
    .filter((o) => !(uncached.has(o.path) ? rec.uncached_outs[o.path] !== undefined : cache.hasAll(o.hash)))
    .map((o) => o.path);
  return success({ outs, uncached, missing });
}
