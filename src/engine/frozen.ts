// A frozen stage is never run (DVC: not even by `repro -f`), so nothing makes outputs it lacks:
// status and repro say which are missing instead of counting it as up to date.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Reason } from './events.js';
import type { LockFile } from './store-adapter.js';
import { stageOutputs, type StageSpec } from './types.js';

/**
 * Why a frozen stage left as it is needs the user: `new` when it never ran, and an `out-missing`
 * for each output that does not exist. Empty when every output is there.
 */
export function frozenReasons(stage: StageSpec, root: string, lock: LockFile): Reason[] {
  const missing: Reason[] = stageOutputs(stage)
    .filter((o) => !existsSync(resolve(root, o.path)))
    .map((o) => ({ kind: 'out-missing', path: o.path }));
  if (missing.length === 0) return [];
  return lock.stages[stage.name] === undefined ? [{ kind: 'new' }, ...missing] : missing;
}

/** The note for `repro -f` meeting a frozen stage. */
export function forcedFrozenNote(stage: StageSpec): string {
  return `${stage.name} is frozen: -f does not run it (set \`frozen: false\` in pipeline.yaml to run it)`;
}
