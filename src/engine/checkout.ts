// `pipe checkout`: puts the outs recorded in pipeline.lock, and the data `pipe add` tracks as its
// `<path>.pipe` files record it, back into the workspace from the object cache, verifying every
// byte, without running anything.
import { loadProject } from './config.js';
import type { EventSink } from './events.js';
import type { Failure } from './failure.js';
import { gitignoreKeeper, ignoreAdded } from './gitignore-outs.js';
import { withLockedStages } from './locked-stages.js';
import { heldByCache, seenAsRecorded, type LockEntry, type Stores } from './store-adapter.js';
import { loadTracked, splitTargets } from './tracked.js';

export type CheckoutStatus = 'restored' | 'up-to-date' | 'not-in-lock' | 'missing' | 'corrupt' | 'not-cached' | 'unsaved';

export interface CheckoutItem {
  /** the stage, or for tracked data its tracking file (`data/raw.pipe`) */
  stage: string;
  path: string;
  status: CheckoutStatus;
  /** data `pipe add` tracks, not a stage's output */
  tracked?: true;
  /** the output of a frozen stage: `pipe repro` will not make it */
  frozen?: true;
}

export interface CheckoutResult {
  failures: Failure[];
  items: CheckoutItem[];
  lockedBy?: number;
}

/**
 * `targets`: stage names, or paths (from `cwd`) of tracked data or of their tracking files; none:
 * every stage and all tracked data. `force`: also overwrite outputs whose current content is in
 * neither pipeline.lock nor the cache (edited by hand, or made outside pipe). Without it they are
 * left as they are ('unsaved'), as `dvc checkout` refuses without --force: restoring would lose
 * them for good. `outputsOnly`: the stages' outputs alone, not the tracked data. `glob`: the
 * targets are glob patterns on stage names (`--glob`). `gitignore` (`pipe checkout`): what is in the
 * workspace afterwards gets its `.gitignore` line back where it was lost, as `pipe repro` does.
 */
export async function checkout(root: string, targets: string[] = [], options: { force?: boolean; cwd?: string; outputsOnly?: boolean; glob?: boolean; emit?: EventSink; gitignore?: boolean } = {}): Promise<CheckoutResult> {
  const loaded = loadProject(root);
  if (!loaded.ok) return { failures: loaded.failures, items: [] };
  const known = loadTracked(loaded.value);
  if (!known.ok) return { failures: known.failures, items: [] };
  const split = splitTargets(loaded.value, known.value, targets, options.cwd ?? root, options.glob === true);
  const { stageTargets } = split;
  // `exp apply` restores an experiment's outputs: tracked data is not the experiment's to change
  const tracked = options.outputsOnly === true ? [] : split.tracked;
  const force = options.force === true;
  // only the named stages: checkout restores, it has no reason to touch upstream stages
  const done = await withLockedStages(root, targets.length > 0 && stageTargets.length === 0 ? null : stageTargets, async ({ stages, stores, lock }) => {
    const items: CheckoutItem[] = [];
    for (const stage of stages) {
      const name = stage.name;
      const entry = lock.stages[name];
      if (!entry) {
        items.push({ stage: name, path: '', status: 'not-in-lock' });
        continue;
      }
      const cached = new Map([...stage.outs, ...stage.metrics, ...stage.plots].map((o) => [o.path, o.cache]));
      for (const out of entry.outs) {
        const status = await restoreOne(stores, out, force, cached.get(out.path) !== false, options.emit);
        items.push({ stage: name, path: out.path, status, ...(stage.frozen ? { frozen: true as const } : {}) });
      }
    }
    for (const t of tracked) items.push({ stage: t.file, path: t.path, status: await restoreOne(stores, { ...t.entry, path: t.path }, force, true, options.emit), tracked: true });
    if (options.gitignore === true) {
      const emit = options.emit ?? (() => {});
      const present = (i: CheckoutItem) => i.status === 'restored' || i.status === 'up-to-date';
      const keepOutOfGit = gitignoreKeeper(root, emit);
      for (const stage of stages) await keepOutOfGit(stage, new Set(items.filter((i) => !i.tracked && i.stage === stage.name && present(i)).map((i) => i.path)));
      const data = items.filter((i) => i.tracked && present(i)).map((i) => i.path);
      if (data.length > 0) await ignoreAdded(root, data, emit);
    }
    return items;
  }, options.glob === true, options.emit);
  return done.ok ? { failures: [], items: done.value } : { failures: done.failures, items: [], lockedBy: done.lockedBy };
}

/**
 * What is at `path` now: nothing, content the cache holds (deleting it loses nothing), or content
 * it does not (edited by hand, made outside pipe): the check restoreOne makes before overwriting,
 * which `pipe remove --outs` makes before deleting.
 */
export async function workspaceContent(stores: Stores, path: string): Promise<'absent' | 'held' | 'unsaved'> {
  const have = await stores.hasher.hashPath(path);
  if (have === undefined) return 'absent';
  return (await heldByCache(stores.objects, stores.hasher, path, have.hash)) ? 'held' : 'unsaved';
}

/**
 * Puts the recorded content (and exec bit) at `path` unless it is there already or the content
 * there would be lost.
 */
async function restoreOne(stores: Stores, recorded: LockEntry, force: boolean, cache: boolean, emit?: EventSink): Promise<CheckoutStatus> {
  const { path, hash } = recorded;
  const have = await stores.hasher.hashPath(path);
  // an out cached before .pipeignore hid some of its files is as recorded while the rest matches
  if (seenAsRecorded(stores.objects, stores.hasher, path, have, recorded)) return 'up-to-date';
  if (!cache && !stores.objects.hasAll(hash)) return 'not-cached';
  if (have !== undefined && !force && !(await heldByCache(stores.objects, stores.hasher, path, have.hash))) return 'unsaved';
  const check = await stores.objects.restore(hash, path, { isexec: recorded.isexec === true, hasher: stores.hasher });
  for (const t of check.stuck ?? []) emit?.({ type: 'warning', message: t.message });
  return check.status === 'ok' ? 'restored' : check.status;
}

