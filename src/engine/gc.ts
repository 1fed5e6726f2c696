// `pipe gc`: removes cache objects that pipeline.lock no longer refers to, and the run-cache
// entries that needed them (an entry whose outs are gone can never restore anything).
// The caller may name more locks to keep (the CLI passes every recorded experiment's lock, so
// `pipe exp apply` still finds its outputs after a gc).
// `dryRun` computes the same summary and removes nothing: same refusals, same lock, same keep set.
import { statSync } from 'node:fs';
import { loadProject } from './config.js';
import type { EventSink } from './events.js';
import { ioFailure, type Failure } from './failure.js';
import { lockProject } from './project-lock.js';
import { join } from 'node:path';
import { deadRestoreTemps, openStores, parseLock, parseTrackingFile, readLock, sweepDeadRestoreTemps, type Stores } from './store-adapter.js';
import { loadTracked } from './tracked.js';

export interface GcOptions {
  /**
   * More pipeline.lock texts whose outs and deps are kept: `source` names one in error locations,
   * `file` is the file a user would fix or delete.
   */
  keepLocks?: { source: string; file: string; text: string }[];
  /** Tracking-file (`<path>.pipe`) texts whose entries are kept (`-A`: every committed version). */
  keepTracking?: { source: string; file: string; text: string }[];
  /**
   * Needs gc does not keep but must not silently destroy (plain `pipe gc`: other local branches'
   * committed pipeline.lock and .pipe files): when the gc would remove an object one of them
   * needs, nothing is removed and `endangered` names them. An unreadable text is skipped here:
   * it keeps nothing in any mode, and plain gc is not where it should be reported.
   */
  protect?: { name: string; locks: string[]; tracking: string[] }[];
  /**
   * As `protect`, for the remote's part only (`-c`): remote-tracking branches (`origin/x`) a
   * teammate pushed, whose objects the shared remote holds for every clone. The local cache may
   * drop them: a clone that needs them pulls them from the remote again.
   */
  protectRemote?: { name: string; locks: string[]; tracking: string[] }[];
  /** Report what would be removed (`removed*` then count what a real gc would remove); remove nothing. */
  dryRun?: boolean;
  /** notes (a stage process a killed repro left running, stopped) */
  emit?: EventSink;
  /**
   * `pipe gc -c`: the remote's part, run under the project lock once the keep set is known and
   * before anything local is removed (a remote that fails leaves the local cache as it was). It is
   * given `dryRun` as well: it removes nothing then, and counts.
   */
  cloud?: (context: GcCloudContext) => Promise<{ ok: true; value: GcCloudSummary } | { ok: false; failure: Failure }>;
}

/** What the remote's part of a gc needs from the local one. */
export interface GcCloudContext {
  /** every object kept, folders expanded through the local cache's manifests */
  keep: ReadonlySet<string>;
  /** the `protect` groups' needs, expanded as `keep` is */
  protect: { name: string; needs: ReadonlySet<string> }[];
  dryRun: boolean;
  /** The objects a pipeline.lock (`lock`) or .pipe file (`tracking`) text needs, expanded through the local cache, or why it does not parse. */
  needsOf(text: string, kind: 'lock' | 'tracking', source: string): { ok: true; value: string[] } | { ok: false; message: string };
  /** A folder's manifest from the local cache, or undefined where the cache lacks a sound one. */
  localManifest(hash: string): { hash: string }[] | undefined;
  /** The bytes of the local run-cache's entry `id` of `key`, unchecked, or undefined where it has none. */
  localRunText(key: string, id: string): string | undefined;
}

/** The remote's part of a gc, counted as the local one is (`removed*`: would remove, on a dry run). */
export interface GcCloudSummary {
  /** the remote, for messages */
  remote: string;
  removedObjects: number;
  removedBytes: number;
  removedRunEntries: number;
  /** `.tmp-*` uploads older than a day that dead pushes left there */
  removedTemps: number;
  keptObjects: number;
  /** experiment records on the remote (`pipe exp push`) whose objects were kept */
  records: number;
  /** `protect` groups that need objects the remote holds and the gc would remove there; nothing was removed */
  endangered?: { name: string; objects: number }[];
}

export interface GcSummary {
  failures: Failure[];
  removedObjects: number;
  removedBytes: number;
  removedRunEntries: number;
  /**
   * `.tmp-*` files in the cache left by interrupted writes whose writer is gone (a SIGKILLed repro
   * or pull), and the temp copies such restores left beside the lock's outputs and tracked data
   */
  removedTemps: number;
  keptObjects: number;
  /** the workspace's tracking files (`pipe add`) whose data was kept */
  trackedFiles: number;
  lockedBy?: number;
  /** `protect` groups (by name) that need objects the gc would have removed, and how many; nothing was removed */
  endangered?: { name: string; objects: number }[];
  /** `cloud` given: the remote's part (with `endangered` there, nothing was removed anywhere) */
  cloud?: GcCloudSummary;
}

export async function collectGarbage(root: string, options: GcOptions = {}): Promise<GcSummary> {
  const empty = { removedObjects: 0, removedBytes: 0, removedRunEntries: 0, removedTemps: 0, keptObjects: 0, trackedFiles: 0 };
  // a broken pipeline.yaml is no reason to keep garbage, but it usually means a half-done edit:
  // refuse rather than guess
  const loaded = loadProject(root);
  if (!loaded.ok) return { failures: loaded.failures, ...empty };
  const acquired = await lockProject(root, options.emit === undefined ? {} : { emit: options.emit });
  if (!acquired.ok) return { failures: [acquired.failure], ...empty, lockedBy: acquired.lockedBy };
  try {
    const lock = readLock(root);
    if (!lock.ok) return { failures: [{ kind: 'lock-file', message: lock.failure.message }], ...empty };
    const locks = [lock.value];
    for (const extra of options.keepLocks ?? []) {
      const parsed = parseLock(extra.text, extra.source);
      // what an unreadable lock refers to is unknown: collecting anything could lose it
      if (!parsed.ok) return { failures: [{ kind: 'lock-file', message: `${parsed.failure.message}; nothing was removed (fix or delete ${extra.file}, or run \`pipe gc --workspace\` to keep only what pipeline.lock needs)` }], ...empty };
      locks.push(parsed.value);
    }
    // data `pipe add` tracks is kept in every mode (read under the lock, which `pipe add` holds
    // while it stores objects and writes a tracking file); an unreadable one could name anything
    const tracked = loadTracked(loaded.value);
    if (!tracked.ok) return { failures: tracked.failures.map((f) => ({ ...f, message: `${f.message}; nothing was removed` })), ...empty };
    const hashes = tracked.value.map((t) => t.entry.hash);
    for (const extra of options.keepTracking ?? []) {
      const parsed = parseTrackingFile(extra.text, extra.source);
      if (!parsed.ok) return { failures: [{ kind: 'tracking-file', message: `${parsed.failure.message}; nothing was removed (run \`pipe gc\` without --all-commits to keep only what the workspace's .pipe files need)` }], ...empty };
      hashes.push(parsed.value.out.hash);
    }
    const stores = openStores(root);
    const keep = new Set<string>();
    for (const l of locks) {
      for (const stage of Object.values(l.stages)) {
        for (const e of [...stage.outs, ...stage.deps]) for (const h of stores.objects.expand(e.hash)) keep.add(h);
      }
    }
    for (const hash of hashes) for (const h of stores.objects.expand(hash)) keep.add(h);
    const trackedFiles = tracked.value.length;
    const protect = protectNeeds(stores, options.protect ?? []);
    const endangered = protect
      .map((g) => ({ name: g.name, objects: [...g.needs].filter((h) => !keep.has(h) && stores.objects.has(h)).length }))
      .filter((g) => g.objects > 0);
    if (endangered.length > 0) return { failures: [], ...empty, trackedFiles, endangered };
    let cloud: GcCloudSummary | undefined;
    if (options.cloud !== undefined) {
      const done = await options.cloud({
        keep,
        protect: [...protect, ...protectNeeds(stores, options.protectRemote ?? [])],
        dryRun: options.dryRun === true,
        needsOf: (text, kind, source) => {
          const parsed = kind === 'lock' ? parseLock(text, source) : parseTrackingFile(text, source);
          if (!parsed.ok) return { ok: false, message: parsed.failure.message };
          const hashes = 'stages' in parsed.value ? Object.values(parsed.value.stages).flatMap((st) => [...st.outs, ...st.deps].map((e) => e.hash)) : [parsed.value.out.hash];
          return { ok: true, value: hashes.flatMap((h) => stores.objects.expand(h)) };
        },
        localManifest: (h) => stores.objects.readManifest(h),
        localRunText: (key, id) => (/^[0-9a-f]{64}$/.test(key) && /^[0-9a-f]{64}$/.test(id) ? stores.runs.readText(key, id) : undefined),
      });
      if (!done.ok) return { failures: [done.failure], ...empty, trackedFiles };
      cloud = done.value;
      // what a branch needs must not go from the remote either: nothing is removed, here or there
      if ((cloud.endangered ?? []).length > 0) return { failures: [], ...empty, trackedFiles, cloud };
    }
    const withCloud = cloud === undefined ? {} : { cloud };
    // where a restore that died left its temp copy: beside each output and tracked path
    const targets = [...new Set([...Object.values(lock.value.stages).flatMap((s) => s.outs.map((o) => o.path)), ...tracked.value.map((t) => t.path)])].map((p) => join(root, p));
    if (options.dryRun === true) {
      const plan = planGc(stores, keep);
      return { failures: [], ...plan, removedTemps: plan.removedTemps + targets.reduce((n, t) => n + deadRestoreTemps(t).length, 0), trackedFiles, ...withCloud };
    }
    const gc = stores.objects.gc(keep);
    const removedRunEntries = stores.runs.prune(({ entry }) => Object.values(entry.outs).every((o) => stores.objects.hasAll(o.hash)));
    let removedTemps = gc.removedTemps;
    for (const t of targets) {
      const swept = sweepDeadRestoreTemps(t);
      removedTemps += swept.removed;
      for (const s of swept.stuck) options.emit?.({ type: 'warning', message: s.message });
    }
    return { failures: [], removedObjects: gc.removedObjects, removedBytes: gc.removedBytes, removedRunEntries, removedTemps, keptObjects: stores.objects.listHashes().length, trackedFiles, ...withCloud };
  } catch (err) {
    // a temp folder that cannot be removed: a failure naming it, not a stack trace
    const failure = ioFailure(err);
    if (failure === undefined) throw err;
    return { failures: [failure], ...empty };
  } finally {
    acquired.lock.release();
  }
}

/**
 * Each `protect` group's needs, folders expanded through the local cache. An unreadable text is
 * skipped (GcOptions.protect says why).
 */
function protectNeeds(stores: Stores, protect: NonNullable<GcOptions['protect']>): { name: string; needs: Set<string> }[] {
  return protect.map((group) => {
    const needs = new Set<string>();
    const add = (hash: string): void => {
      for (const h of stores.objects.expand(hash)) needs.add(h);
    };
    for (const text of group.locks) {
      const parsed = parseLock(text, group.name);
      if (!parsed.ok) continue;
      for (const stage of Object.values(parsed.value.stages)) for (const e of [...stage.outs, ...stage.deps]) add(e.hash);
    }
    for (const text of group.tracking) {
      const parsed = parseTrackingFile(text, group.name);
      if (parsed.ok) add(parsed.value.out.hash);
    }
    return { name: group.name, needs };
  });
}

/**
 * What `objects.gc(keep)` then `runs.prune(...)` above would remove, read-only: every object not
 * in `keep`, then every run entry that is unreadable or has an out not complete among the objects
 * left, and the `.tmp-*` leftovers of interrupted writes whose writer is gone. Counted only by a real gc: a stray file in a shard folder whose name is not a
 * hash (pipe never writes one; the stores' public API lists only hashes).
 */
function planGc(stores: Stores, keep: ReadonlySet<string>): Omit<GcSummary, 'failures' | 'trackedFiles'> {
  const { objects, runs } = stores;
  let removedObjects = 0;
  let removedBytes = 0;
  let keptObjects = 0;
  for (const h of objects.listHashes()) {
    if (keep.has(h)) {
      keptObjects++;
      continue;
    }
    removedObjects++;
    removedBytes += statSync(objects.pathOf(h)).size;
  }
  const left = (h: string): boolean => keep.has(h) && objects.has(h);
  const completeAfter = (h: string): boolean => {
    if (!left(h)) return false;
    if (!h.endsWith('.dir')) return true;
    const manifest = objects.readManifest(h);
    return manifest !== undefined && manifest.every((e) => left(e.hash));
  };
  let removedRunEntries = 0;
  for (const { key, id } of runs.list()) {
    const entry = runs.readEntry(key, id);
    if (!entry || !Object.values(entry.outs).every((o) => completeAfter(o.hash))) removedRunEntries++;
  }
  return { removedObjects, removedBytes, removedRunEntries, removedTemps: objects.staleTemps().length, keptObjects };
}
