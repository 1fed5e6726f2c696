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
  /** Report what would be removed (`removed*` then count what a real gc would remove); remove nothing. */
  dryRun?: boolean;
  /** notes (a stage process a killed repro left running, stopped) */
  emit?: EventSink;
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
    const endangered = endangeredNeeds(stores, keep, options.protect ?? []);
    if (endangered.length > 0) return { failures: [], ...empty, trackedFiles, endangered };
    // where a restore that died left its temp copy: beside each output and tracked path
    const targets = [...new Set([...Object.values(lock.value.stages).flatMap((s) => s.outs.map((o) => o.path)), ...tracked.value.map((t) => t.path)])].map((p) => join(root, p));
    if (options.dryRun === true) {
      const plan = planGc(stores, keep);
      return { failures: [], ...plan, removedTemps: plan.removedTemps + targets.reduce((n, t) => n + deadRestoreTemps(t).length, 0), trackedFiles };
    }
    const gc = stores.objects.gc(keep);
    const removedRunEntries = stores.runs.prune(({ entry }) => Object.values(entry.outs).every((o) => stores.objects.hasAll(o.hash)));
    let removedTemps = gc.removedTemps;
    for (const t of targets) {
      const swept = sweepDeadRestoreTemps(t);
      removedTemps += swept.removed;
      for (const s of swept.stuck) options.emit?.({ type: 'warning', message: s.message });
    }
    return { failures: [], removedObjects: gc.removedObjects, removedBytes: gc.removedBytes, removedRunEntries, removedTemps, keptObjects: stores.objects.listHashes().length, trackedFiles };
  } catch (err) {
    // a temp folder that cannot be removed: a failure naming it, not a stack trace
    const failure = ioFailure(err);
    if (failure === undefined) throw err;
    return { failures: [failure], ...empty };
  } finally {
    acquired.lock.release();
  }
}

/** The `protect` groups that need an object the cache holds and `keep` lacks, with how many. */
function endangeredNeeds(stores: Stores, keep: ReadonlySet<string>, protect: NonNullable<GcOptions['protect']>): { name: string; objects: number }[] {
  const out: { name: string; objects: number }[] = [];
  for (const group of protect) {
    const needed = new Set<string>();
    const add = (hash: string): void => {
      for (const h of stores.objects.expand(hash)) if (!keep.has(h) && stores.objects.has(h)) needed.add(h);
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
    if (needed.size > 0) out.push({ name: group.name, objects: needed.size });
  }
  return out;
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
