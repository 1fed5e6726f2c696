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

/**
 * Why `pipe repro` fails a frozen stage whose outputs are missing (and could not be restored): as
 * in DVC, a run that cannot make what the pipeline declares must not pass as a success (CI would
 * go on without the outputs). `pipe status` only names them.
 */
export function frozenMissingMessage(stage: StageSpec, reasons: Reason[]): string {
  const missing = reasons.flatMap((x) => (x.kind === 'out-missing' ? [`'${x.path}'`] : []));
  const never = reasons.some((x) => x.kind === 'new') ? ', never ran' : '';
  const what = missing.length === 1 ? `its output ${missing[0] ?? ''} is` : `its outputs ${missing.join(', ')} are`;
  return `frozen${never}: ${what} missing, and a frozen stage never runs (\`pipe unfreeze ${group(stage)}\` to run it, or put the outputs back)`;
}

/** The note for `repro -f` meeting a frozen stage. */
export function forcedFrozenNote(stage: StageSpec): string {
  return `${stage.name} is frozen: -f does not run it (\`pipe unfreeze ${group(stage)}\` to run it)`;
}

/** The name `pipe unfreeze` takes: a foreach or matrix item's group, which holds the key. */
function group(stage: StageSpec): string {
  return stage.name.split('@')[0] ?? stage.name;
}
