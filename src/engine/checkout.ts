// `pipe checkout`: puts the outs recorded in pipeline.lock back into the workspace from the
// object cache, verifying every byte, without running anything.
import { loadProject } from './config.js';
import type { Failure } from './failure.js';
import { selectStages } from './select.js';
import { acquireReproLock, openStores, readLock } from './store-adapter.js';

export type CheckoutStatus = 'restored' | 'up-to-date' | 'not-in-lock' | 'missing' | 'corrupt' | 'not-cached';

export interface CheckoutItem {
  stage: string;
  path: string;
  status: CheckoutStatus;
}

export interface CheckoutResult {
  failures: Failure[];
  items: CheckoutItem[];
  lockedBy?: number;
}

export async function checkout(root: string, targets: string[] = []): Promise<CheckoutResult> {
  const loaded = loadProject(root);
  if (!loaded.ok) return { failures: loaded.failures, items: [] };
  // only the named stages: checkout restores, it has no reason to touch upstream stages
  const { names, failures } = selectStages(loaded.value, { targets, singleItem: true });
  if (failures.length > 0) return { failures, items: [] };
  const acquired = await acquireReproLock(root);
  if (!acquired.ok) {
    return {
      failures: [{ kind: 'locked', message: `${root} is locked by pid ${acquired.lockedBy} (a \`pipe repro\` is running); try again when it is done` }],
      items: [],
      lockedBy: acquired.lockedBy,
    };
  }
  const stores = openStores(root);
  try {
    const lock = readLock(root);
    if (!lock.ok) return { failures: [{ kind: 'lock-file', message: lock.failure.message }], items: [] };
    const items: CheckoutItem[] = [];
    for (const name of names) {
      const stage = loaded.value.stages.find((s) => s.name === name);
      const entry = lock.value.stages[name];
      if (!stage) continue;
      if (!entry) {
        items.push({ stage: name, path: '', status: 'not-in-lock' });
        continue;
      }
      const cached = new Map([...stage.outs, ...stage.metrics, ...stage.plots].map((o) => [o.path, o.cache]));
      for (const out of entry.outs) {
        const have = await stores.hasher.hashPath(out.path);
        if (have?.hash === out.hash) {
          items.push({ stage: name, path: out.path, status: 'up-to-date' });
          continue;
        }
        if (cached.get(out.path) === false && !stores.objects.hasAll(out.hash)) {
          items.push({ stage: name, path: out.path, status: 'not-cached' });
          continue;
        }
        const check = await stores.objects.restore(out.hash, out.path);
        items.push({ stage: name, path: out.path, status: check.status === 'ok' ? 'restored' : check.status });
      }
    }
    return { failures: [], items };
  } finally {
    stores.hasher.save();
    acquired.lock.release();
  }
}
