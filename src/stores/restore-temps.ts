// The temp copies a restore leaves beside its target when its process dies (`.tmp-<name>-<pid>-<8
// hex>`, tempPathFor: the new copy before its rename, or the old folder moved aside). Each restore
// sweeps its own target's; `pipe gc` sweeps those of every output and tracked path. One that
// cannot be removed even with its folders made writable (something inside belongs to another user)
// never blocks a restore: every restore writes under a fresh name, so it is left where it is and
// named, with what to run, in a warning each time it is met.
import fs from 'node:fs';
import path from 'node:path';
import { TEMP_PREFIX } from './atomic.js';
import { isAlive } from './repro-lock.js';
import { RemoveTreeError, removeTreeSync } from './remove-tree.js';

/** A dead restore's temp copy that could not be removed, and why. */
export interface StuckTemp {
  /** absolute path */
  path: string;
  /** what the user reads: the path, what stopped its removal, what to run */
  message: string;
}

/** The temp copies beside `target` (absolute) whose restore process is gone. */
export function deadRestoreTemps(target: string): string[] {
  const prefix = `${TEMP_PREFIX}${path.basename(target)}-`;
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(target));
  } catch {
    return [];
  }
  const dead: string[] = [];
  for (const n of names) {
    if (!n.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-[0-9a-f]+$/.exec(n.slice(prefix.length))?.[1]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isAlive(pid)) dead.push(path.join(path.dirname(target), n));
  }
  return dead;
}

/**
 * Removes the dead restores' temp copies beside `target` (read-only folders in them too): how many
 * went, and those that stay. Other errors than a removal refused are a bug or a broken disk: thrown.
 */
export function sweepDeadRestoreTemps(target: string): { removed: number; stuck: StuckTemp[] } {
  const stuck: StuckTemp[] = [];
  let removed = 0;
  for (const p of deadRestoreTemps(target)) {
    try {
      removeTreeSync(p);
      removed++;
    } catch (err) {
      if (!(err instanceof RemoveTreeError)) throw err;
      stuck.push({ path: p, message: stuckTempMessage(err) });
    }
  }
  return { removed, stuck };
}

function stuckTempMessage(err: RemoveTreeError): string {
  const { target, cause } = err;
  const where = cause.path !== undefined && cause.path !== target ? ` at '${cause.path}'` : '';
  return `cannot remove '${target}', a temp copy left by a restore that was interrupted: ${cause.code ?? 'error'}${where}; it is left as it is and stops nothing, but takes space: remove it as its owner or root (\`chmod -R u+w '${target}' && rm -rf '${target}'\`)`;
}
