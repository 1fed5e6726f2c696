// `pipe status`: which stages a repro would run or restore, and why, and which outputs of dropped
// foreach copies a whole-pipeline one would remove first. Changes nothing on disk except the stat
// cache (so the next status is fast), and takes no lock.
import { loadProject } from './config.js';
import { localSourceMoved } from './import-source-stat.js';
import { isDebugEvent, type EventSink, type ReproResult, type TrackedChange } from './events.js';
import { removesDroppedOutputs } from './dropped-outs.js';
import { dataSourcesOf } from './data-sources.js';
import { dryRun } from './reproduce.js';
import { missingDeps, selectStages } from './select.js';
import { leftRunningWarnings } from './project-lock.js';
import { execAsRecorded, openStores, type Stores } from './store-adapter.js';
import { loadTracked, splitTargets, type Tracked } from './tracked.js';
import type { Project } from './types.js';

/** `glob`: the targets are glob patterns on stage names (`pipe status --glob`). */
/** `explain`: `-v`, where the debug events of each stage's decision go (events.ts DebugEvent). */
/**
 * `allowMissing`: `status --allow-missing`, as `repro --allow-missing` decides (decide.ts): data
 * missing with no copy in the cache, as pipeline.lock or its .pipe file records it, is no change
 * (a CI checkout without the data); tracked data missing so is left out of `tracked`.
 */
export async function projectStatus(root: string, targets: string[] = [], cwd: string = root, glob = false, explain?: EventSink, allowMissing = false): Promise<ReproResult> {
  const loaded = loadProject(root);
  if (!loaded.ok) return { failures: loaded.failures, stages: [], interrupted: false };
  // without targets, every stage and all the data `pipe add` tracks; with them, the stages named
  // and the tracked data named (its path or its .pipe file, from `cwd`), as `pipe checkout` takes them
  const known = loadTracked(loaded.value);
  if (!known.ok) return { failures: known.failures, stages: [], interrupted: false };
  const { stageTargets, tracked } = splitTargets(loaded.value, known.value, targets, cwd, glob);
  // one set of stores: the stat cache learns the tracked data's hashes with the stages' (saved once)
  const stores = openStores(root);
  const changed = await trackedChanges(loaded.value, tracked, stores, allowMissing);
  const onlyTracked = targets.length > 0 && stageTargets.length === 0;
  const result = onlyTracked ? { failures: [], stages: [], interrupted: false } : await statusOf(loaded.value, stageTargets, removesDroppedOutputs(stageTargets), stores, glob, true, explain, allowMissing);
  if (onlyTracked) stores.hasher.save();
  const warnings = [...leftRunningWarnings(root), ...(result.warnings ?? [])];
  return {
    ...result,
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(loaded.value.notes ? { notes: loaded.value.notes } : {}),
    ...(changed.length > 0 ? { tracked: changed } : {}),
  };
}

/**
 * The tracked data that is missing or differs from its tracking file, and imported data as
 * recorded whose local source's stat moved on (never a network source: status stays offline).
 */
async function trackedChanges(project: Project, tracked: Tracked[], stores: Stores, allowMissing: boolean): Promise<TrackedChange[]> {
  const root = project.root;
  const changes: TrackedChange[] = [];
  // a whole-pipeline repro stores such data before any stage runs (data-sources.ts): say which read it
  const readers = (t: Tracked): string[] => project.graph.order.filter((name) => dataSourcesOf(project, [name], [t]).length > 0);
  for (const t of tracked) {
    const have = await stores.hasher.hashPath(t.path);
    if (have === undefined) {
      // --allow-missing: no copy to check out is no change; one in the cache is (checkout restores it)
      if (!allowMissing || stores.objects.hasAll(t.entry.hash)) changes.push({ path: t.path, file: t.file, state: 'missing' });
    }
    // an exec bit the tracking file records and the file lost is a change too (exec-bit.ts)
    else if (have.hash !== t.entry.hash || !execAsRecorded(have, t.entry)) {
      const readBy = t.source === undefined ? readers(t) : [];
      changes.push({ path: t.path, file: t.file, state: 'modified', ...(t.source ? { imported: true } : {}), ...(readBy.length > 0 ? { readBy } : {}) });
    }
    else if (t.source !== undefined && (await localSourceMoved(root, t.file, t.source))) changes.push({ path: t.path, file: t.file, state: 'outdated', imported: true, source: t.source.url });
  }
  return changes;
}

/**
 * After a repro: the stages it did not settle (`pipe repro train` leaves out evaluate) whose
 * outputs no longer match their inputs. Experiment records use it so that a partial run is not
 * credited with metrics an earlier run left behind. Nothing is hashed when the run settled every
 * stage. Undefined when it cannot be worked out (bad config, a dep missing).
 */
export async function staleOutside(root: string, settled: ReadonlySet<string>): Promise<string[] | undefined> {
  const loaded = loadProject(root);
  if (!loaded.ok) return undefined;
  const outside = loaded.value.graph.order.filter((name) => !settled.has(name));
  if (outside.length === 0) return [];
  const status = await statusOf(loaded.value, outside, false);
  if (status.failures.length > 0) return undefined;
  return status.stages
    .filter((s) => !settled.has(s.name) && s.outcome !== 'up-to-date' && s.outcome !== 'frozen')
    .map((s) => s.name);
}

/**
 * `repro -s` and `repro --downstream`: the stages upstream of those the run took (which it left
 * out) whose outputs no longer match their inputs. Undefined when it cannot be worked out.
 */
export async function staleUpstream(root: string, targets: string[], glob = false, downstream = false, cwd = root): Promise<string[] | undefined> {
  const loaded = loadProject(root);
  if (!loaded.ok) return undefined;
  const taken = selectStages(loaded.value, { targets, singleItem: true, glob, downstream, cwd }).names;
  const own = new Set(taken);
  const upstream = selectStages(loaded.value, { targets: taken }).names.filter((n) => !own.has(n));
  if (upstream.length === 0) return [];
  const status = await statusOf(loaded.value, upstream, false);
  if (status.failures.length > 0) return undefined;
  return status.stages.filter((s) => upstream.includes(s.name) && s.outcome !== 'up-to-date' && s.outcome !== 'frozen').map((s) => s.name);
}

/** `wholePipeline`: foresee a repro of the whole pipeline, which first removes dropped copies'
 *  outputs (dropped-outs.ts); the checks after a partial repro foresee a partial one.
 *  `gitTracked`: warn of outputs git tracks in the stages that would run (dryRun). */
async function statusOf(project: Project, targets: string[], wholePipeline: boolean, stores: Stores = openStores(project.root), glob = false, gitTracked = false, explain?: EventSink, allowMissing = false): Promise<ReproResult> {
  const { names, failures } = selectStages(project, { targets, glob });
  if (failures.length > 0) return { failures, stages: [], interrupted: false };
  // a dep that is missing tracked data (a clone before `pipe pull`) blocks its stage: the tracked
  // data's own line says what restores it; any other missing dep is a configuration error
  const missing = missingDeps(project, names);
  if (missing.failures.length > 0) return { failures: missing.failures, stages: [], interrupted: false };
  // only `pipe status` itself says which outputs git tracks, not the checks after a repro
  // -v: only the debug events go to the sink (status prints its own lines from the result)
  const debug = explain === undefined ? {} : { explain: true, onEvent: (e: Parameters<EventSink>[0]) => (isDebugEvent(e) ? explain(e) : undefined) };
  // --allow-missing: a missing dep the lock or a .pipe file records is decided on (decide.ts), as repro --dry does
  return dryRun(project, names, stores, { wholePipeline, blocked: allowMissing ? new Map() : missing.blocked, gitTracked, ...(allowMissing ? { allowMissing } : {}), ...debug });
}
