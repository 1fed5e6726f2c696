// `pipe exp remove`: deletes experiment records (metrics/experiments/*.json), as `dvc exp remove`
// drops experiments. Every reference is resolved, and the folder checked, before the first file
// goes; each file goes with one unlink, so a record is either there whole or gone. Nothing needs
// a record to stay: `pipe gc` reads the records each time it runs (so it stops keeping the
// removed ones' outputs), and a temp or queued experiment writes its records in its own worktree
// and copies back only its new ones when it ends (a removed record it was made with stays gone).
import { constants } from 'node:fs';
import { access, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { problem, success, type ExpFailure, type Outcome } from './failure.js';
import { trackedPaths } from './git.js';
import { EXPERIMENTS_DIR, type ExperimentRecord } from './schema.js';
import { findExperiment, findExperiments, type LoadedExperiments } from './store.js';

export interface Removal {
  record: ExperimentRecord;
  /** the record's file, from the project root: `metrics/experiments/<id>.json` */
  path: string;
}

export interface RemovalPlan {
  removals: Removal[];
  /** those of `removals` git's index holds (`git checkout -- <path>` brings them back) */
  tracked: string[];
  /** a name several records held (ambiguous), left to one by this removal: name → that record's id */
  renamed: { name: string; id: string }[];
}

/** Whether a record's run did not finish: a stage failed or was interrupted (`pipe exp show` marks it `(failed)` or `(interrupted)`). */
export function runFailed(r: ExperimentRecord): boolean {
  return r.stages.some((s) => s.outcome === 'failed' || s.outcome === 'interrupted');
}

/**
 * The records to remove: those `refs` name (as `exp show` resolves them), then, with `failed`,
 * every failed run not named already (oldest first); each once. Deletes nothing.
 */
/** `all`: every record loaded (`exp remove --all`), two files of one id included. */
export async function planRemoval(root: string, loaded: LoadedExperiments, refs: string[], failed: boolean, all = false): Promise<Outcome<RemovalPlan>> {
  const found = findExperiments(loaded.records, refs);
  if (!found.ok) return found;
  const picked = all ? loaded.records : [...new Set([...found.value, ...(failed ? loaded.records.filter(runFailed) : [])])];
  const removals = picked.map((record) => ({ record, path: `${EXPERIMENTS_DIR}/${loaded.files.get(record) ?? `${record.id}.json`}` }));
  const gone = new Set(picked);
  const left = loaded.records.filter((r) => !gone.has(r));
  const renamed: RemovalPlan['renamed'] = [];
  // a name several records held, left to one of them: the name works again, and names that one
  for (const name of new Set(picked.flatMap((r) => (r.name !== null ? [r.name] : [])))) {
    const after = left.filter((r) => r.name === name);
    if (findExperiment(loaded.records, name) === undefined && after.length === 1 && after[0] !== undefined) renamed.push({ name, id: after[0].id });
  }
  return success({ removals, tracked: await trackedPaths(root, removals.map((r) => r.path)), renamed });
}

/**
 * Deletes the planned files, after checking that the folder lets them go (nothing is deleted
 * when it does not). The paths removed; on a failure part-way, those and the failure.
 */
export async function removeRecords(root: string, removals: Removal[]): Promise<{ removed: Removal[]; failure?: ExpFailure }> {
  if (removals.length === 0) return { removed: [] };
  try {
    await access(join(root, EXPERIMENTS_DIR), constants.W_OK);
  } catch (err) {
    return { removed: [], failure: problem(`cannot delete files in ${EXPERIMENTS_DIR}/: ${(err as Error).message}; nothing was removed`) };
  }
  const removed: Removal[] = [];
  for (const r of removals) {
    try {
      await unlink(join(root, r.path));
    } catch (err) {
      // deleted meanwhile, by hand (another `exp remove` needs the lock): gone all the same
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        const rest = removals.length - removed.length - 1;
        const kept = rest > 0 ? `; it and ${rest} more ${rest === 1 ? 'record stays' : 'records stay'}` : '; it stays';
        return { removed, failure: problem(`cannot delete ${r.path}: ${(err as Error).message}${kept}`) };
      }
    }
    removed.push(r);
  }
  return { removed };
}
