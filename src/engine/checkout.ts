// `pipe checkout`: puts the outs recorded in pipeline.lock back into the workspace from the
// object cache, verifying every byte, without running anything.
import type { Failure } from './failure.js';
import { withLockedStages } from './locked-stages.js';
import { heldByCache, seenAsRecorded } from './store-adapter.js';

export type CheckoutStatus = 'restored' | 'up-to-date' | 'not-in-lock' | 'missing' | 'corrupt' | 'not-cached' | 'unsaved';

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

/**
 * `force`: also overwrite outputs whose current content is in neither pipeline.lock nor the cache
 * (edited by hand, or made outside pipe). Without it they are left as they are ('unsaved'), as
 * `dvc checkout` refuses without --force: restoring would lose them for good.
 */
export async function checkout(root: string, targets: string[] = [], options: { force?: boolean } = {}): Promise<CheckoutResult> {
  // only the named stages: checkout restores, it has no reason to touch upstream stages
  const done = await withLockedStages(root, targets, async ({ stages, stores, lock }) => {
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
        const have = await stores.hasher.hashPath(out.path);
        if (seenAsRecorded(stores.objects, stores.hasher, out.path, have?.hash, out.hash)) {
          items.push({ stage: name, path: out.path, status: 'up-to-date' });
          continue;
        }
        if (cached.get(out.path) === false && !stores.objects.hasAll(out.hash)) {
          items.push({ stage: name, path: out.path, status: 'not-cached' });
          continue;
        }
        if (have !== undefined && options.force !== true && !(await heldByCache(stores.objects, stores.hasher, out.path, have.hash))) {
          items.push({ stage: name, path: out.path, status: 'unsaved' });
          continue;
        }
        const check = await stores.objects.restore(out.hash, out.path);
        items.push({ stage: name, path: out.path, status: check.status === 'ok' ? 'restored' : check.status });
      }
    }
    return items;
  });
  return done.ok ? { failures: [], items: done.value } : { failures: done.failures, items: [], lockedBy: done.lockedBy };
}
