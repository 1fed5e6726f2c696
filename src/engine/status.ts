// `pipe status`: which stages a repro would run or restore, and why. Changes nothing on disk
// except the stat cache (so the next status is fast), and takes no lock.
import { loadProject } from './config.js';
import type { ReproResult } from './events.js';
import { dryRun } from './reproduce.js';
import { checkDepsExist, selectStages } from './select.js';
import { openStores } from './store-adapter.js';

export async function projectStatus(root: string, targets: string[] = []): Promise<ReproResult> {
  const loaded = loadProject(root);
  if (!loaded.ok) return { failures: loaded.failures, stages: [], interrupted: false };
  const { names, failures } = selectStages(loaded.value, { targets });
  if (failures.length > 0) return { failures, stages: [], interrupted: false };
  const missing = checkDepsExist(loaded.value, names);
  if (missing.length > 0) return { failures: missing, stages: [], interrupted: false };
  return dryRun(loaded.value, names, openStores(root), {});
}
