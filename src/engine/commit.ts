// `pipe commit`: records a stage's current deps, params, cmd and outs in pipeline.lock without
// running it (DVC's `dvc commit`). For changes that cannot change the outputs: a comment, a
// refactor, a fix on a code path the run never took. Saying so is the user's claim, so a stage
// whose inputs or outputs differ from the lock is only recorded with `force`; without it, commit
// lists the differences and changes nothing.
import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { loadProject } from './config.js';
import { currentInputs, inputChanges, type StageInputs } from './decide.js';
import type { EventSink, Reason } from './events.js';
import type { Failure } from './failure.js';
import { lockWriter } from './reproduce.js';
import { withLockedStages } from './locked-stages.js';
import { recordOutputs } from './run-stage.js';
import { stageOutputs, usesRunCache, type StageSpec } from './types.js';
import { execAsRecorded, TRACKING_SUFFIX, type LockStage, type Stores } from './store-adapter.js';
import { toRootRelative } from './paths.js';
import { readTrackingFile } from './tracked.js';

export type CommitStatus =
  /** recorded in pipeline.lock (and its outputs in the cache) */
  | 'committed'
  /** the lock already records these inputs and outputs */
  | 'up-to-date'
  /** inputs or outputs differ from the lock and `force` was not given: nothing written */
  | 'changed'
  /** a dep or an output does not exist: there is nothing consistent to record */
  | 'missing'
  /** writing the cache or the lock failed (I/O): see `error` */
  | 'failed'
  /** frozen and never run, its outputs absent: nothing to record, and repro will not make them */
  | 'frozen';

export interface CommitItem {
  stage: string;
  status: CommitStatus;
  /** how the stage differs from the lock (committed / changed) */
  reasons: Reason[];
  /** deps and outs that do not exist (missing) */
  missing: string[];
  /** why recording failed (status failed) */
  error?: string;
  /** the stage is frozen (`pipe repro` does not run it) */
  frozen?: boolean;
  /** up-to-date outputs whose objects the cache did not hold (lost, or `repro --no-commit`), stored from the workspace */
  recached?: string[];
}

export interface CommitResult {
  failures: Failure[];
  items: CommitItem[];
  lockedBy?: number;
}

/**
 * `glob`: the targets are glob patterns on stage names (`pipe commit --glob`); `cwd`: where path
 * targets (an output's path: its stage) are relative to.
 */
export async function commit(root: string, targets: string[] = [], options: { force?: boolean; glob?: boolean; emit?: EventSink; cwd?: string } = {}): Promise<CommitResult> {
  const data = options.glob === true ? [] : trackedTargets(root, targets, options.cwd ?? root);
  if (data.length > 0) return { failures: data, items: [] };
  // only the named stages (all when none is named): committing one stage says nothing of others
  const done = await withLockedStages(root, targets, async ({ stages, stores, lock }) => {
    const writeLock = lockWriter(root);
    const items: CommitItem[] = [];
    for (const stage of stages) {
      const name = stage.name;
      const { inputs, missing } = await currentInputs(stage, { stores });
      const locked = lock.stages[name];
      const reasons = inputChanges(stage, inputs, missing, locked);
      const absent = [...missing];
      const recorded = new Map((locked?.outs ?? []).map((o) => [o.path, o]));
      for (const out of stageOutputs(stage)) {
        const have = await stores.hasher.hashPath(out.path);
        const want = recorded.get(out.path);
        if (!have) absent.push(out.path);
        // an exec bit the lock records and the file lost is a change, as `pipe status` says
        else if (locked && (want?.hash !== have.hash || !execAsRecorded(have, want))) reasons.push({ kind: 'out-modified', path: out.path });
      }
      if (absent.length > 0) {
        // a frozen stage that never ran is no problem of the lock's when it is not asked for
        const idle = stage.frozen && locked === undefined && targets.length === 0;
        items.push({ stage: name, status: idle ? 'frozen' : 'missing', reasons, missing: absent, ...(stage.frozen ? { frozen: true } : {}) });
        continue;
      }
      if (reasons.length === 0) {
        // the workspace holds what the lock records but the cache does not (deleted by hand, a
        // cache copied in part, `repro --no-commit`): stored, so push, checkout and the run-cache have it
        const recached: string[] = [];
        const uncached = new Set(stageOutputs(stage).filter((o) => o.cache === false).map((o) => o.path));
        for (const out of locked?.outs ?? []) {
          if (uncached.has(out.path) || stores.objects.hasAll(out.hash)) continue;
          const saved = await stores.objects.save(out.path, stores.hasher);
          if (saved?.hash === out.hash) recached.push(out.path);
        }
        // after `repro --no-commit` the run-cache has no entry for this run either: written now
        // that its objects are there, as the run would have
        if (recached.length > 0 && locked !== undefined) await rememberRun(stage, inputs, locked, stores);
        items.push({ stage: name, status: 'up-to-date', reasons, missing: [], ...(recached.length > 0 ? { recached } : {}) });
        continue;
      }
      if (!options.force) {
        items.push({ stage: name, status: 'changed', reasons, missing: [] });
        continue;
      }
      const error = await recordOutputs(stage, inputs, { stores, writeLock });
      items.push(error === undefined ? { stage: name, status: 'committed', reasons, missing: [] } : { stage: name, status: 'failed', reasons, missing: [], error });
    }
    return items;
  }, options.glob === true, options.emit, options.cwd ?? root);
  return done.ok ? { failures: [], items: done.value } : { failures: done.failures, items: [], lockedBy: done.lockedBy };
}

/**
 * Writes the run-cache entry of the stage's current inputs with the outputs `locked` records, when
 * the stage uses the run-cache, has none such yet, and every output is in the cache (a `cache: false` output is
 * stored for it, as a run stores it).
 */
async function rememberRun(stage: StageSpec, inputs: StageInputs, locked: LockStage, stores: Stores): Promise<void> {
  if (!usesRunCache(stage)) return;
  // the run wrote one already (the cache lost objects since): nothing to add
  const same = (outs: Record<string, { hash: string }>) => locked.outs.every((o) => outs[o.path]?.hash === o.hash);
  if (stores.runs.get(inputs.key).some((r) => same(r.entry.outs))) return;
  for (const out of locked.outs) {
    if (stores.objects.hasAll(out.hash)) continue;
    const saved = await stores.objects.save(out.path, stores.hasher);
    if (saved?.hash !== out.hash) return;
  }
  await stores.runs.put(inputs.key, {
    stage: stage.name,
    outs: Object.fromEntries(locked.outs.map((o) => [o.path, { hash: o.hash, size: o.size, nfiles: o.nfiles, ...(o.isexec === true ? { isexec: true as const } : {}) }])),
    createdAt: new Date().toISOString(),
  });
}

/**
 * The targets that name data `pipe add` tracks (its path or its .pipe file, from `cwd`), which
 * commit does not take: DVC's `dvc commit data.csv.dvc` is pipe's `pipe add data.csv`, said so.
 * Only a target with a .pipe file is looked at (no walk), and a stage's name wins over it.
 */
function trackedTargets(root: string, targets: string[], cwd: string): Failure[] {
  const files = targets.flatMap((t) => {
    const rel = toRootRelative(root, '', resolve(cwd, t));
    if (rel === undefined || rel === '') return [];
    const file = rel.endsWith(TRACKING_SUFFIX) ? rel : `${rel}${TRACKING_SUFFIX}`;
    return existsSync(join(root, file)) ? [{ t, file }] : [];
  });
  if (files.length === 0) return [];
  const loaded = loadProject(root);
  const isStage = (t: string) => loaded.ok && loaded.value.stages.some((s) => s.name === t || s.name.startsWith(`${t}@`));
  return files.filter(({ t }) => !isStage(t)).map(({ t, file }): Failure => {
    const read = readTrackingFile(root, file);
    const data = 'path' in read ? read.path : file.slice(0, -TRACKING_SUFFIX.length);
    const typed = relative(cwd, join(root, data)).split(sep).join('/') || '.';
    return { kind: 'unknown-stage', message: `'${t}' is data \`pipe add\` tracks (${file}), not a stage: \`pipe add ${typed}\` records its current content in ${file} (what \`dvc commit\` does for a .dvc file); \`pipe commit\` records stages in pipeline.lock` };
  });
}
