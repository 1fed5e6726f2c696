// `pipe checkout`: puts the outs recorded in pipeline.lock, and the data `pipe add` tracks as its
// `<path>.pipe` files record it, back into the workspace from the object cache, verifying every
// byte, without running anything.
import { loadProject } from './config.js';
import { remoteConfigured } from './remote-hint.js';
import { removeDroppedOutputs } from './dropped-outs.js';
import type { EventSink } from './events.js';
import type { Failure } from './failure.js';
import { gitignoreKeeper, ignoreAdded } from './gitignore-outs.js';
import { withLockedStages } from './locked-stages.js';
import { heldByCache, seenAsRecorded, type LockEntry, type Stores } from './store-adapter.js';
import { loadTracked, splitTargets } from './tracked.js';
import { keepBeforeRestore, keptStamp } from './unrecorded-outs.js';

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
  /** missing from the cache while a remote is configured: `pipe pull` may fetch it */
  pull?: true;
}

export interface CheckoutResult {
  failures: Failure[];
  items: CheckoutItem[];
  lockedBy?: number;
}

/**
 * `targets`: stage names, or paths (from `cwd`) of tracked data or of their tracking files; none:
 * every stage and all tracked data. `force`: also replace outputs whose current content is in
 * neither pipeline.lock nor the cache (edited by hand, or made outside pipe), moving that content
 * to `.pipe/kept/` first (unrecorded-outs.ts) rather than losing it. Without it they are left as
 * they are ('unsaved'), as `dvc checkout` refuses without --force. `outputsOnly`: the stages' outputs alone, not the tracked data. `glob`: the
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
  // one `.pipe/kept/<time>-<stage>/` folder per stage for what --force moves aside
  const stamp = keptStamp();
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
        const status = await restoreOne(stores, out, { force, cache: cached.get(out.path) !== false, emit: options.emit, keep: { stage: name, stamp, record: 'pipeline.lock' } });
        items.push({ stage: name, path: out.path, status, ...(stage.frozen ? { frozen: true as const } : {}) });
      }
    }
    for (const t of tracked) items.push({ stage: t.file, path: t.path, status: await restoreOne(stores, { ...t.entry, path: t.path }, { force, cache: true, emit: options.emit, keep: { stage: t.file, stamp, record: t.file } }), tracked: true });
    // a whole checkout (the post-checkout hook's): the outputs another branch's stages made that
    // this branch's do not, inside a folder one of its stages reads, go (or to .pipe/kept/)
    if (targets.length === 0 && options.outputsOnly !== true) await removeDroppedOutputs(loaded.value, lock, stores, options.emit ?? (() => {}), 'strays');
    if (options.gitignore === true) {
      const emit = options.emit ?? (() => {});
      const present = (i: CheckoutItem) => i.status === 'restored' || i.status === 'up-to-date';
      const keepOutOfGit = gitignoreKeeper(root, emit);
      for (const stage of stages) await keepOutOfGit(stage, new Set(items.filter((i) => !i.tracked && i.stage === stage.name && present(i)).map((i) => i.path)));
      const data = items.filter((i) => i.tracked && present(i)).map((i) => i.path);
      if (data.length > 0) await ignoreAdded(root, data, emit);
    }
    if (items.some((i) => i.status === 'missing') && remoteConfigured(root)) for (const i of items) if (i.status === 'missing') i.pull = true;
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
 * there would be lost; with `force` what the cache does not hold of it is kept in
 * `.pipe/kept/<stamp>-<keep.stage>/` first (keepBeforeRestore; a warning says where and how to
 * copy it back), and the path left as it is when that fails.
 */
async function restoreOne(
  stores: Stores,
  recorded: LockEntry,
  opts: { force: boolean; cache: boolean; emit: EventSink | undefined; keep: { stage: string; stamp: string; record: string } },
): Promise<CheckoutStatus> {
  const { path, hash } = recorded;
  const { emit } = opts;
  const have = await stores.hasher.hashPath(path);
  // an out cached before .pipeignore hid some of its files is as recorded while the rest matches
  if (seenAsRecorded(stores.objects, stores.hasher, path, have, recorded)) return 'up-to-date';
  if (!opts.cache && !stores.objects.hasAll(hash)) return 'not-cached';
  if (have !== undefined && !(await heldByCache(stores.objects, stores.hasher, path, have.hash))) {
    if (!opts.force) return 'unsaved';
    // nothing to put in its place: left where it is, and the restore says the object is missing
    if (!stores.objects.hasAll(hash)) return 'missing';
    // named as the line of `pipe checkout` about it names it: the stage, or the data's .pipe file
    const stage = { stage: opts.keep.stage };
    try {
      const message = await keepBeforeRestore(stores.projectRoot, opts.keep.stage, path, stores, opts.keep.stamp, opts.keep.record);
      if (message !== undefined) emit?.({ type: 'warning', ...stage, message });
    } catch (err) {
      emit?.({ type: 'warning', ...stage, message: `could not keep the changes the cache does not hold of '${path}' in .pipe/kept/: ${(err as Error).message}; it was left as it is` });
      return 'unsaved';
    }
  }
  const check = await stores.objects.restore(hash, path, { isexec: recorded.isexec === true, hasher: stores.hasher });
  for (const t of check.stuck ?? []) emit?.({ type: 'warning', message: t.message });
  return check.status === 'ok' ? 'restored' : check.status;
}
