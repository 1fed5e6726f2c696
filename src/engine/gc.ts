// `pipe gc`: removes cache objects that pipeline.lock no longer refers to, and the run-cache
// entries that needed them (an entry whose outs are gone can never restore anything).
// The caller may name more locks to keep (the CLI passes every recorded experiment's lock, so
// `pipe exp apply` still finds its outputs after a gc).
import { loadProject } from './config.js';
import type { Failure } from './failure.js';
import { acquireReproLock, openStores, parseLock, readLock } from './store-adapter.js';

export interface GcOptions {
  /**
   * More pipeline.lock texts whose outs and deps are kept: `source` names one in error locations,
   * `file` is the file a user would fix or delete.
   */
  keepLocks?: { source: string; file: string; text: string }[];
}

export interface GcSummary {
  failures: Failure[];
  removedObjects: number;
  removedBytes: number;
  removedRunEntries: number;
  keptObjects: number;
  lockedBy?: number;
}

export async function collectGarbage(root: string, options: GcOptions = {}): Promise<GcSummary> {
  const empty = { removedObjects: 0, removedBytes: 0, removedRunEntries: 0, keptObjects: 0 };
  // a broken pipeline.yaml is no reason to keep garbage, but it usually means a half-done edit:
  // refuse rather than guess
  const loaded = loadProject(root);
  if (!loaded.ok) return { failures: loaded.failures, ...empty };
  const acquired = await acquireReproLock(root);
  if (!acquired.ok) {
    return {
      failures: [{ kind: 'locked', message: `${root} is locked by pid ${acquired.lockedBy} (a \`pipe repro\` is running); try again when it is done` }],
      ...empty,
      lockedBy: acquired.lockedBy,
    };
  }
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
    const stores = openStores(root);
    const keep = new Set<string>();
    for (const l of locks) {
      for (const stage of Object.values(l.stages)) {
        for (const e of [...stage.outs, ...stage.deps]) for (const h of stores.objects.expand(e.hash)) keep.add(h);
      }
    }
    const gc = stores.objects.gc(keep);
    const removedRunEntries = stores.runs.prune(({ entry }) => Object.values(entry.outs).every((o) => stores.objects.hasAll(o.hash)));
    return { failures: [], removedObjects: gc.removedObjects, removedBytes: gc.removedBytes, removedRunEntries, keptObjects: stores.objects.listHashes().length };
  } finally {
    acquired.lock.release();
  }
}
