// The frame of the commands that work on stages under the project lock without running them
// (checkout, commit): load the project, select the named stages (all when none; only those, not
// their upstream stages), take the repro lock, open the stores, read pipeline.lock, do the work,
// then save the stat cache and release the lock whatever happened.
import { loadProject } from './config.js';
import { ioFailure, type Failure } from './failure.js';
import { selectStages } from './select.js';
import { lockProject } from './project-lock.js';
import type { EventSink } from './events.js';
import { openStores, readLock, type LockFile, type Stores } from './store-adapter.js';
import type { StageSpec } from './types.js';

export interface LockedStages {
  /** the selected stages, in pipeline order */
  stages: StageSpec[];
  stores: Stores;
  lock: LockFile;
}

/** failures of kind 'io' mean the work failed (exit 1), as `lockedBy` does; others are usage or configuration */
export type LockedOutcome<T> = { ok: true; value: T } | { ok: false; failures: Failure[]; lockedBy?: number };

/**
 * `targets` null: no stage at all (a `pipe checkout` naming only tracked data); `glob`: they are
 * glob patterns; `cwd`: where path targets (an output's path: its stage) are relative to.
 */
export async function withLockedStages<T>(root: string, targets: string[] | null, work: (s: LockedStages) => Promise<T>, glob = false, emit?: EventSink, cwd = root): Promise<LockedOutcome<T>> {
  const loaded = loadProject(root);
  if (!loaded.ok) return { ok: false, failures: loaded.failures };
  const { names, failures } = targets === null ? { names: [], failures: [] } : selectStages(loaded.value, { targets, singleItem: true, glob, cwd });
  if (failures.length > 0) return { ok: false, failures };
  const acquired = await lockProject(root, emit === undefined ? {} : { emit });
  if (!acquired.ok) return { ok: false, failures: [acquired.failure], lockedBy: acquired.lockedBy };
  const stores = openStores(root);
  try {
    const lock = readLock(root);
    if (!lock.ok) return { ok: false, failures: [{ kind: 'lock-file', message: lock.failure.message }] };
    const stages = names.map((n) => loaded.value.stages.find((s) => s.name === n)).filter((s): s is StageSpec => s !== undefined);
    return { ok: true, value: await work({ stages, stores, lock: lock.value }) };
  } catch (err) {
    // an output that cannot be removed or written: a failure naming it, not a stack trace
    const failure = ioFailure(err);
    if (failure === undefined) throw err;
    return { ok: false, failures: [failure] };
  } finally {
    stores.hasher.save();
    acquired.lock.release();
  }
}
