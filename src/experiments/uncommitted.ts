// The uncommitted changes an experiment ran with that its record cannot give back: its record's
// `git.changed` (files git tracks that differed from its commit) less the files the record holds
// itself or pipe writes (params files, pipeline.lock, `cache: false` outputs, tracking files,
// .gitignore lines, records). What is left is code or data `pipe exp apply` does not restore:
// `pipe exp show` marks such a run and `exp apply` says so.
import { posix } from 'node:path';
import { parseLock } from '../stores/lockfile.js';
import { EXPERIMENTS_DIR, type ExperimentRecord } from './schema.js';
import { PARAMS_FILE } from './workspace.js';

export interface Uncommitted {
  /** false: the record says git had changes but not which (a record of an older pipe) */
  known: boolean;
  /** the changed files the record does not hold, sorted; empty when none (or unknown) */
  files: string[];
}

export function uncommittedChanges(rec: ExperimentRecord): Uncommitted {
  if (rec.git === null || !rec.git.dirty) return { known: true, files: [] };
  const changed = rec.git.changed;
  if (!Array.isArray(changed)) return { known: false, files: [] };
  const held = new Set<string>([PARAMS_FILE, 'pipeline.lock', ...Object.keys(rec.other_params ?? {}), ...Object.keys(rec.uncached_outs), ...Object.keys(rec.tracked_files ?? {})]);
  const outs = lockOuts(rec.pipeline_lock);
  const files = changed.filter((p): p is string => typeof p === 'string').filter((p) => {
    if (held.has(p) || posix.basename(p) === '.gitignore' || p.startsWith(`${EXPERIMENTS_DIR}/`)) return false;
    return !outs.some((o) => p === o || p.startsWith(`${o}/`));
  });
  return { known: true, files: files.sort() };
}

function lockOuts(text: string | null): string[] {
  if (text === null) return [];
  const lock = parseLock(text);
  return lock.ok ? Object.values(lock.value.stages).flatMap((s) => s.outs.map((o) => o.path)) : [];
}
