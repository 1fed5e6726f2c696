// `repro` as a function: load → select → lock the project → decide and execute stages in
// dependency order (up to `jobs` at once) → results. `pipe exp run` calls this too.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadProject, reloadStage } from './config.js';
import { readersOfMadeParams } from './made-params.js';
import { decide, type Decision } from './decide.js';
import { describeDropped, type DroppedOutput, type EngineEvent, type EventSink, type ReproResult, type StageResult } from './events.js';
import type { Failure } from './failure.js';
import { findDroppedOutputs, removeDroppedOutputs, removesDroppedOutputs } from './dropped-outs.js';
import type { Overlay } from './folder-overlay.js';
import { changedDataSources, commitDataSources, dataSourcesOf } from './data-sources.js';
import { loadTracked } from './tracked.js';
import { trackedInOutputs } from './tracked-in-outs.js';
import { forcedFrozenNote, frozenMissingMessage, frozenReasons } from './frozen.js';
import { gitignoreKeeper, gitTrackedForeseen, ignoreStateDirs } from './gitignore-outs.js';
import { foreseeGitignore } from './foreseen-gitignore.js';
import { OrphanRegistry } from './orphans.js';
import { restoreStage, runStage, type ExecContext } from './run-stage.js';
import { unrecordedOutputs } from './unrecorded-outs.js';
import { missingDeps, selectStages, type BlockedStage } from './select.js';
import { lockHolderWords } from './lock-holder.js';
import { lockProject } from './project-lock.js';
import { LockUpdater, openStores, readLock, restoredHash, type LockFile, type Stores } from './store-adapter.js';
import type { Project, StageSpec } from './types.js';

export interface ReproOptions {
  root: string;
  /** stage names (or what select.ts targetStage reads: `pipeline.yaml:train`, an output's path); empty or absent: the whole pipeline */
  targets?: string[];
  /** the folder path targets are relative to; default: the project root */
  cwd?: string;
  /** the targets are glob patterns on stage names (`--glob`, select.ts matchStages) */
  glob?: boolean;
  /** no target: only the stages of the pipeline file of `cwd` (select.ts), not of every file (-P) */
  defaultPipeline?: boolean;
  /** run the selected stages even when nothing changed */
  force?: boolean;
  /** `--force-downstream` (DVC's): a stage after one that runs or is restored runs too, even unchanged */
  forceDownstream?: boolean;
  /**
   * `--allow-missing` (DVC's): a stage whose only change is deps or outputs missing with no copy
   * in the cache (pipeline.lock recording them) is left as up to date (decide.ts), and missing
   * tracked data or raw inputs the lock records neither block nor fail it
   */
  allowMissing?: boolean;
  /** only the targets, not their upstream stages */
  singleItem?: boolean;
  /** also the stages downstream of the targets */
  downstream?: boolean;
  /** decide only: report what would run or be restored, change nothing */
  dry?: boolean;
  /**
   * with `dry`: params files' texts to decide with instead of the files (root-relative path →
   * text), never written: `pipe exp run --dry -S ...`
   */
  paramsTexts?: ReadonlyMap<string, string>;
  /** after a failure, keep running stages that do not depend on it */
  keepGoing?: boolean;
  /** stages run at once (independent ones only); default 1 */
  jobs?: number;
  /** run changed stages even when the run-cache holds a result for their inputs */
  noRunCache?: boolean;
  /**
   * `--no-commit` (DVC's): outputs of the stages that run are recorded in pipeline.lock but not
   * stored in the cache, nor in the run-cache; `pipe commit` stores them later (run-stage.ts)
   */
  noCommit?: boolean;
  /** how long to wait for another repro's lock before giving up (ms); default 0 */
  waitMs?: number;
  onEvent?: EventSink;
  /** `-v`: also emit the debug events (events.ts DebugEvent) to onEvent */
  explain?: boolean;
  /** aborting stops running stages (their whole process groups) and starts no new ones */
  abort?: AbortSignal;
}

export async function reproduce(options: ReproOptions): Promise<ReproResult> {
  // params texts stand in for the files in a dry run only: a real run must read what it records
  const loaded = loadProject(options.root, options.dry ? options.paramsTexts : undefined);
  if (!loaded.ok) return { failures: loaded.failures, stages: [], interrupted: false };
  const project = loaded.value;
  for (const message of project.notes ?? []) options.onEvent?.({ type: 'note', message });
  const { names, failures } = selectStages(project, options);
  if (failures.length > 0) return { failures, stages: [], interrupted: false };
  // what `pipe status` refuses in the data `pipe add` tracks, repro refuses too: a stage must not
  // write into tracked data, nor a .pipe file be ignored because it does not parse
  const tracked = loadTracked(project);
  if (!tracked.ok) return { failures: tracked.failures, stages: [], interrupted: false };
  const found = missingDeps(project, names);
  // --allow-missing: a missing dep the lock records is decided on (decide.ts), neither blocked nor failed
  const missing = options.allowMissing === true ? { ...found, all: found.failures, blocked: new Map<string, BlockedStage>(), deleted: new Map<string, BlockedStage>() } : found;
  // --dry says what a repro would do, as `pipe status` does: a stage whose dep is tracked data
  // missing from the workspace (a clone before `pipe pull`) is reported blocked, not refused
  if (missing.failures.length > 0 || (!options.dry && missing.all.length > 0)) {
    return { failures: options.dry ? missing.failures : missing.all, stages: [], interrupted: false };
  }

  const stores = openStores(project.root);
  // tracked data a stage reads, edited since `pipe add`: stored before the stages run (data-sources.ts)
  const sources = dataSourcesOf(project, names, tracked.value);
  if (options.dry) {
    await commitDataSources(project.root, await changedDataSources(sources, stores), stores, 'dry', options.onEvent ?? (() => {}));
    return dryRun(project, names, stores, { ...options, wholePipeline: removesDroppedOutputs(options.targets), blocked: missing.blocked, gitTracked: true });
  }

  const acquired = await lockProject(project.root, { waitMs: options.waitMs ?? 0, ...(options.onEvent ? { emit: options.onEvent } : {}) });
  if (!acquired.ok) {
    const who = acquired.lockedBy > 0 ? `pid ${acquired.lockedBy}` : 'another process';
    return {
      failures: [{ kind: 'locked', message: `${project.root} is locked by ${who} (${reproHolderWords(acquired.lockedBy)}); wait for it to finish` }],
      stages: [],
      interrupted: false,
      lockedBy: acquired.lockedBy,
    };
  }
  try {
    // lockProject has stopped what a killed run left running
    const orphans = new OrphanRegistry(project.root);
    // hashed under the lock: what is stored is what the stages then read
    const notStored = await commitDataSources(project.root, await changedDataSources(sources, stores), stores, options.noCommit === true ? 'no-commit' : 'store', options.onEvent ?? (() => {}));
    if (notStored.length > 0) return { failures: notStored, stages: [], interrupted: false };
    const lock = readLock(project.root);
    if (!lock.ok) return { failures: [lockFailure(lock.failure)], stages: [], interrupted: false };
    return await execute(project, names, stores, lock.value, orphans, options, missing.deleted);
  } finally {
    stores.hasher.save();
    acquired.lock.release();
  }
}

/** `another \`pipe repro\` is running`, or what the holder runs when it is another command (`a \`pipe pull\` is running`). */
function reproHolderWords(pid: number): string {
  const words = lockHolderWords(pid);
  return words === 'a `pipe repro` is running' ? 'another `pipe repro` is running' : words;
}

function lockFailure(f: { message: string; hint?: string; location?: { file: string; line?: number; col?: number } }): Failure {
  const failure: Failure = { kind: 'lock-file', message: f.hint ? `${f.message} (${f.hint})` : f.message };
  // the store's messages already start with file:line:col; keep the location only for snippets
  if (f.location?.line !== undefined) {
    failure.location = { file: f.location.file, line: f.location.line, col: f.location.col ?? 1 };
    failure.message = failure.message.replace(/^[^:]+:\d+:\d+: /, '');
  }
  return failure;
}

/**
 * Serialises read-modify-writes of pipeline.lock between stages finishing at the same time. With
 * `defined` (every stage pipeline.yaml has), entries of stages it no longer has are dropped: a
 * stage deleted, renamed, or a foreach item taken out (the run-cache still restores it if it
 * comes back), so pipeline.lock describes this pipeline and `pipe push` the objects it needs.
 */
export function lockWriter(root: string, defined?: ReadonlySet<string>): ExecContext['writeLock'] {
  let chain: Promise<unknown> = Promise.resolve();
  // keeps the lock in memory between stages; each stage is still on disk when its write resolves
  const updater = new LockUpdater(root, defined && ((n) => defined.has(n)));
  return (name, entry) => {
    const next = chain.then(async () => {
      const r = await updater.update(name, entry);
      return r.ok ? undefined : `could not update pipeline.lock: ${r.failure.message}`;
    });
    chain = next.catch(() => undefined);
    return next;
  };
}

/** `deleted`: stages whose raw dep pipeline.lock records is missing (select.ts missingDeps): they fail. */
async function execute(project: Project, names: string[], stores: Stores, lock: LockFile, orphans: OrphanRegistry, options: ReproOptions, deleted: ReadonlyMap<string, BlockedStage>): Promise<ReproResult> {
  const emit: EventSink = options.onEvent ?? (() => {});
  const abort = options.abort ?? new AbortController().signal;
  const dropped = removesDroppedOutputs(options.targets) ? await removeDroppedOutputs(project, lock, stores, emit) : [];
  // a dropped copy whose output a stage still reads keeps its lock entry, so that the output is
  // still known for what it is (and removed) once nothing reads it
  const stillRead = dropped.filter((d) => d.readBy !== undefined).map((d) => d.stage);
  const ctx: ExecContext = { root: project.root, stores, emit, abort, orphans, writeLock: lockWriter(project.root, new Set([...project.stages.map((s) => s.name), ...stillRead])), ...(options.noCommit === true ? { noCommit: true } : {}), ...(options.explain === true ? { explain: emit } : {}) };
  const byName = new Map(project.stages.map((s) => [s.name, s]));
  const selected = new Set(names);
  const results = new Map<string, StageResult>();
  const running = new Map<string, Promise<void>>();
  const jobs = Math.max(1, options.jobs ?? 1);
  let stopped = false;
  const refused: Failure[] = [];

  const keepOutOfGit = gitignoreKeeper(project.root, emit);
  await ignoreStateDirs(project.root, emit);
  const finish = (r: StageResult) => {
    results.set(r.name, r);
    emit({ type: 'stage-done', result: r });
    if (r.outcome === 'failed' && !options.keepGoing) stopped = true;
  };
  const processStage = async (stage: StageSpec): Promise<void> => {
    const started = Date.now();
    try {
      await decideAndExecute(stage, started);
    } catch (err) {
      // an I/O error (permissions, disk full) fails this stage, not the whole command
      finish({ name: stage.name, outcome: 'failed', durationMs: Date.now() - started, reasons: [], message: `error: ${(err as Error).message}` });
    }
  };
  const readers = readersOfMadeParams(project.stages);
  const decideAndExecute = async (loaded: StageSpec, started: number): Promise<void> => {
    // its params file is another stage's output: read it as that stage left it (made-params.ts)
    const fresh = readers.has(loaded.name) ? freshParams(project, loaded.name) : { ok: true as const, value: loaded };
    if (!fresh.ok) {
      finish({ name: loaded.name, outcome: 'failed', durationMs: Date.now() - started, reasons: [], message: fresh.message });
      return;
    }
    const stage = fresh.value;
    // a raw input deleted since the last run: the stage cannot make its outputs from it (DVC
    // fails it too); unless it was put back meanwhile
    const gone = deleted.get(stage.name);
    if (gone !== undefined && stage.deps.some((d) => !existsSync(resolve(project.root, d.path)))) {
      finish({ name: stage.name, outcome: 'failed', durationMs: Date.now() - started, reasons: [], message: gone.message });
      return;
    }
    // --force-downstream: forced by the first stage before it that ran or was restored
    const pushedBy = options.forceDownstream === true ? [...(project.graph.upstream.get(stage.name) ?? [])].find((u) => changedOutcome(results.get(u)?.outcome)) : undefined;
    const decided = await decide(stage, { stores, lock, force: (options.force ?? false) || pushedBy !== undefined, noRunCache: options.noRunCache ?? false, allowMissing: options.allowMissing ?? false, ...(options.explain === true ? { explain: emit } : {}) });
    const d = pushedBy !== undefined && decided.action === 'run' && !options.force ? { ...decided, reasons: [{ kind: 'forced-downstream' as const, stage: pushedBy }] } : decided;
    if (options.force && stage.frozen) emit({ type: 'note', message: forcedFrozenNote(stage) });
    if (d.action === 'up-to-date' || d.action === 'frozen') {
      const reasons = d.action === 'frozen' ? frozenReasons(stage, project.root, lock) : d.reasons;
      if (d.action === 'frozen' && reasons.some((r) => r.kind === 'out-missing')) {
        finish({ name: stage.name, outcome: 'failed', durationMs: Date.now() - started, reasons, message: frozenMissingMessage(stage, reasons) });
        return;
      }
      // a line lost since the stage last ran (a reverted .gitignore) comes back; no git call
      // when nothing changed
      await keepOutOfGit(stage);
      finish({ name: stage.name, outcome: d.action, durationMs: Date.now() - started, reasons });
      return;
    }
    // an output folder holding data `pipe add` tracks: refused before anything is removed
    const clash = trackedInOutputs(project.root, stage);
    if (clash.length > 0) {
      refused.push(...clash);
      stopped = true;
      finish({ name: stage.name, outcome: 'skipped', durationMs: Date.now() - started, reasons: d.reasons, message: 'refused: an output holds tracked data (error below)' });
      return;
    }
    // an output git tracks is said before the run removes it or the restore replaces it
    await keepOutOfGit.before(stage);
    // outputs made or brought back go into git's ignore lists before any later stage hashes
    const made = async (r: StageResult): Promise<void> => {
      if (r.outcome === 'ran' || r.outcome === 'restored') await keepOutOfGit(stage);
      finish(r);
    };
    if (d.action === 'restore') {
      const restored = await restoreStage(stage, d, ctx);
      if (!Array.isArray(restored)) return made(restored);
      // the restore replaced some outputs already: what is left unrecorded is looked at afresh
      const unrecorded = await unrecordedOutputs(stage, lock.stages[stage.name], stores);
      const reasons = [...d.reasons.filter((r) => r.kind !== 'out-unsaved'), ...restored, ...unrecorded];
      return made(await runStage(stage, { action: 'run', reasons, inputs: d.inputs }, ctx));
    }
    await made(await runStage(stage, d, ctx));
  };

  for (;;) {
    if (abort.aborted) stopped = true;
    let launched = false;
    for (const name of names) {
      if (results.has(name) || running.has(name)) continue;
      const ups = [...(project.graph.upstream.get(name) ?? [])].filter((u) => selected.has(u));
      const bad = ups.find((u) => {
        const o = results.get(u)?.outcome;
        return o === 'failed' || o === 'skipped';
      });
      if (bad) {
        const up = results.get(bad);
        const why =
          up?.outcome !== 'failed' ? `upstream stage '${bad}' did not run`
          : up.message === 'interrupted' ? `upstream stage '${bad}' was interrupted`
          : `upstream stage '${bad}' failed`;
        finish({ name, outcome: 'skipped', durationMs: 0, reasons: [], message: why });
        launched = true;
        continue;
      }
      if (stopped || running.size >= jobs || !ups.every((u) => results.has(u))) continue;
      const stage = byName.get(name);
      if (!stage) continue;
      const p = processStage(stage).finally(() => running.delete(name));
      running.set(name, p);
      launched = true;
    }
    if (running.size === 0 && !launched) break;
    if (!launched || running.size >= jobs) await Promise.race(running.values());
  }
  for (const name of names) {
    if (!results.has(name)) {
      finish({ name, outcome: 'skipped', durationMs: 0, reasons: [], message: abort.aborted ? 'interrupted' : 'not run: an earlier stage failed' });
    }
  }
  return {
    failures: refused,
    stages: names.map((n) => results.get(n)).filter((r): r is StageResult => r !== undefined),
    interrupted: abort.aborted,
    ...(dropped.length > 0 ? { dropped } : {}),
  };
}

/** A stage that ran or was restored (its outputs may have changed): --force-downstream runs the stages after it. */
function changedOutcome(o: StageResult['outcome'] | undefined): boolean {
  return o === 'ran' || o === 'restored';
}

/** `loaded` with the params files `texts` holds read from there; as loaded when that fails (the repro will say why). */
function restoredParams(project: Project, loaded: StageSpec, texts: ReadonlyMap<string, string>): StageSpec {
  if (!(loaded.paramsFiles ?? []).some((f) => texts.has(f.path))) return loaded;
  const again = reloadStage(project, loaded.name, texts);
  return again.ok ? again.value : loaded;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Stage `name` with its params read as they are now (config.ts reloadStage), or why it cannot run:
 * the pipeline no longer loads with them, or a params file that a stage makes is still missing
 * (that stage was left out, `repro -s`, or did not make it).
 */
function freshParams(project: Project, name: string): { ok: true; value: StageSpec } | { ok: false; message: string } {
  const again = reloadStage(project, name);
  if (!again.ok) {
    const f = again.failures[0];
    const where = f?.location === undefined ? '' : `${f.location.file}${f.location.line === undefined ? '' : `:${f.location.line}:${f.location.col ?? 1}`}: `;
    return { ok: false, message: `${where}${f?.message ?? 'the pipeline no longer loads'}` };
  }
  const absent = (again.value.paramsFiles ?? []).find((f) => !existsSync(resolve(project.root, f.path)));
  if (absent !== undefined) {
    const where = `${absent.location.file}:${absent.location.line}:${absent.location.col}`;
    return { ok: false, message: `params file '${absent.path}' (${where}) does not exist: the stage that makes it has not made it; run it first (\`pipe repro ${name}\`, without -s)` };
  }
  return { ok: true, value: again.value };
}

/** --dry and `pipe status`: decisions without changing anything. Upstream stages that would run
 *  make their dependents "would run" too (their outs are not known yet); restores are assumed to
 *  bring back exactly what the lock records. `wholePipeline`: the repro foreseen is one that
 *  removes dropped copies' outputs first, so they are named and taken as gone. */
export async function dryRun(
  project: Project,
  names: string[],
  stores: Stores,
  options: Pick<ReproOptions, 'force' | 'forceDownstream' | 'allowMissing' | 'onEvent' | 'noRunCache' | 'explain'> & {
    wholePipeline: boolean;
    /** status: stages a missing tracked dep blocks (select.ts missingDeps); not decided */
    blocked?: ReadonlyMap<string, BlockedStage>;
    /**
     * status and --dry: warn of the cached outputs git tracks of each stage that would run or be
     * restored, as the repro will before touching them (`<stage>: <text>` in `warnings` too)
     */
    gitTracked?: boolean;
  },
): Promise<ReproResult> {
  const lock = readLock(project.root);
  if (!lock.ok) return { failures: [lockFailure(lock.failure)], stages: [], interrupted: false };
  const overlay: Overlay = new Map();
  const dropped: DroppedOutput[] = options.wholePipeline ? await findDroppedOutputs(project, lock.value, stores) : [];
  for (const d of dropped) {
    if (d.action !== 'keep') overlay.set(d.path, undefined);
    options.onEvent?.({ type: 'note', message: describeDropped(d, 'would') });
  }
  const willRun = new Set<string>();
  const willRestore = new Set<string>();
  // output folders holding data `pipe add` tracks, in stages that would run or be restored
  const refused: Failure[] = [];
  const willFail = new Set<string>();
  // params files a restore puts back, as it will: a stage reading one is decided on those values
  const readers = readersOfMadeParams(project.stages);
  const restoredTexts = new Map<string, string>();
  const willBlock = new Set<string>();
  // stages whose outputs git may track, asked about together after the loop (one git process)
  const foreseen: StageSpec[] = [];
  // the .gitignore lines the repro writes back after a stage restored or up to date
  const gitignoreAfter = await foreseeGitignore(project, names, lock.value);
  const stages: StageResult[] = [];
  const byName = new Map(project.stages.map((s) => [s.name, s]));
  for (const name of names) {
    const loaded = byName.get(name);
    if (!loaded) continue;
    const stage = readers.has(name) && restoredTexts.size > 0 ? restoredParams(project, loaded, restoredTexts) : loaded;
    // blocked: its own dep is missing tracked data, or an upstream stage is blocked
    const blockedBy = options.blocked?.get(name)?.message ?? [...(project.graph.upstream.get(name) ?? [])].find((u) => willBlock.has(u));
    if (blockedBy !== undefined) {
      const message = options.blocked?.has(name) === true ? blockedBy : `upstream stage '${blockedBy}' is blocked`;
      const result: StageResult = { name, outcome: 'blocked', durationMs: 0, reasons: [], message };
      willBlock.add(name);
      stages.push(result);
      options.onEvent?.({ type: 'stage-done', result });
      continue;
    }
    // --force-downstream: a stage after one that would be restored runs too (after one that would run, it does anyway)
    const pushedBy = options.forceDownstream === true ? [...(project.graph.upstream.get(name) ?? [])].find((u) => willRestore.has(u)) : undefined;
    const decided: Decision = await decide(stage, { stores, lock: lock.value, force: (options.force ?? false) || pushedBy !== undefined, overlay, noRunCache: options.noRunCache ?? false, allowMissing: options.allowMissing ?? false, ...(options.explain === true && options.onEvent !== undefined ? { explain: options.onEvent } : {}) });
    const d: Decision = pushedBy !== undefined && decided.action === 'run' && !options.force ? { ...decided, reasons: [{ kind: 'forced-downstream', stage: pushedBy }] } : decided;
    if (options.force && stage.frozen) options.onEvent?.({ type: 'note', message: forcedFrozenNote(stage) });
    const ups = [...(project.graph.upstream.get(name) ?? [])].filter((u) => willRun.has(u));
    // a stage after one the repro will fail (frozen, outputs missing) is skipped there, not run
    const failing = [...(project.graph.upstream.get(name) ?? [])].find((u) => willFail.has(u));
    let result: StageResult;
    if (failing !== undefined) {
      result = { name, outcome: 'skipped', durationMs: 0, reasons: [], message: `upstream stage '${failing}' would fail` };
      willFail.add(name);
    } else if (d.action === 'run' || (ups.length > 0 && d.action !== 'frozen')) {
      const reasons = d.action === 'run' ? d.reasons : [];
      const upstreamReasons = ups.map((u) => ({ kind: 'upstream' as const, stage: u }));
      // when an upstream output will change, the dep reasons computed from today's files are moot
      result = { name, outcome: 'would-run', durationMs: 0, reasons: ups.length > 0 ? [...upstreamReasons, ...reasons.filter((r) => r.kind !== 'dep-changed')] : reasons };
      willRun.add(name);
    } else if (d.action === 'restore') {
      result = { name, outcome: 'would-restore', durationMs: 0, reasons: d.reasons, restoredFrom: d.from };
      willRestore.add(name);
      gitignoreAfter(stage, true, overlay);
      // as the restore will leave it: without the files the .pipeignore now hides
      for (const o of d.outs) overlay.set(o.path, { hash: restoredHash(stores.objects, stores.hasher, o.path, o.hash), size: o.size, nfiles: o.nfiles, ...(o.isexec === true ? { isexec: true as const } : {}) });
      for (const o of d.outs) {
        if (o.hash.endsWith('.dir') || ![...readers].some((r) => (byName.get(r)?.paramsFiles ?? []).some((f) => f.path === o.path))) continue;
        const text = readText(stores.objects.pathOf(o.hash));
        if (text !== undefined) restoredTexts.set(o.path, text);
      }
    } else {
      // up to date: reasons only with --allow-missing (what it leaves missing)
      result = { name, outcome: d.action, durationMs: 0, reasons: d.action === 'frozen' ? frozenReasons(stage, project.root, lock.value) : d.reasons };
      if (result.reasons.some((r) => r.kind === 'out-missing')) willFail.add(name);
      else gitignoreAfter(stage, false, overlay);
    }
    if (result.outcome === 'would-run' || result.outcome === 'would-restore') {
      refused.push(...trackedInOutputs(project.root, stage));
      if (options.gitTracked === true) foreseen.push(stage);
    }
    stages.push(result);
    const event: EngineEvent = { type: 'stage-done', result };
    options.onEvent?.(event);
  }
  stores.hasher.save();
  // after the stages' lines (stdout), each stage's warnings in stage order (stderr)
  const warnings: string[] = [];
  const tracked = await gitTrackedForeseen(project.root, foreseen);
  for (const stage of foreseen) {
    for (const message of tracked.get(stage.name) ?? []) {
      warnings.push(`${stage.name}: ${message}`);
      options.onEvent?.({ type: 'warning', stage: stage.name, message });
    }
  }
  if (refused.length > 0) return { failures: refused, stages: [], interrupted: false };
  return { failures: [], stages, interrupted: false, ...(dropped.length > 0 ? { dropped } : {}), ...(warnings.length > 0 ? { warnings } : {}) };
}
