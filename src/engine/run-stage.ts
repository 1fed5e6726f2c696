// Executing one stage: restore its outs from cache, or run its cmd and store what it produced.
// pipeline.lock and the caches change only after the stage fully succeeded.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { currentInputs, type Decision, type StageInputs } from './decide.js';
import type { EventSink, Reason, StageResult } from './events.js';
import type { OrphanRegistry } from './orphans.js';
import { runShell } from './spawn.js';
import { removeTreeSync, seenAsRecorded, type LockEntry, type LockStage, type Stores } from './store-adapter.js';
import { stageOutputs, usesRunCache, type StageSpec } from './types.js';
import { keepBeforeRestore, keptStamp, moveAside, pathsToKeep, rememberFailedRun } from './unrecorded-outs.js';

export interface ExecContext {
  root: string;
  stores: Stores;
  emit: EventSink;
  abort: AbortSignal;
  orphans: OrphanRegistry;
  /** serialised read-modify-write of pipeline.lock */
  writeLock: (name: string, entry: LockStage) => Promise<string | undefined>;
  /**
   * `repro --no-commit` (DVC's): outputs are hashed for pipeline.lock but not stored in the cache,
   * and no run-cache entry is written (it would name objects that are not there); `pipe commit`
   * stores them later
   */
  noCommit?: boolean;
  /** `-v`: each command line's start and end (`cmd-start`, `cmd-done`) go here */
  explain?: EventSink;
}

type RestoreDecision = Extract<Decision, { action: 'restore' }>;
type RunDecision = Extract<Decision, { action: 'run' }>;

/**
 * Puts the decision's outs back from the object cache, verifying every byte. Returns the reasons
 * to run instead when an object is missing or corrupt (the restore removes corrupt objects from the
 * cache, so a rerun stores good ones again).
 */
export async function restoreStage(stage: StageSpec, d: RestoreDecision, ctx: ExecContext): Promise<StageResult | Reason[]> {
  const started = Date.now();
  const problems: Reason[] = [];
  const stamp = keptStamp();
  const from = d.from === 'lock' ? 'pipeline.lock' : 'the run-cache';
  for (const out of d.outs) {
    const have = await ctx.stores.hasher.hashPath(out.path);
    if (seenAsRecorded(ctx.stores.objects, ctx.stores.hasher, out.path, have, out)) continue;
    // an edit by hand would be lost here, as a rerun would lose it: kept in .pipe/kept/ first, as
    // a run keeps it (unrecorded-outs.ts). decide() named such outs a moment ago, by one rule for status and
    // repro (decide.ts). When the cache cannot put the out back the stage runs instead, and the
    // run moves it aside.
    const edited = d.reasons.some((r) => r.kind === 'out-unsaved' && r.path === out.path);
    if (edited && have !== undefined && ctx.stores.objects.hasAll(out.hash)) {
      try {
        const message = await keepBeforeRestore(ctx.root, stage.name, out.path, ctx.stores, stamp, from);
        if (message !== undefined) ctx.emit({ type: 'warning', stage: stage.name, message });
      } catch (err) {
        return failed(stage, d.reasons, started, `could not keep the changes the cache does not hold of '${out.path}' in .pipe/kept/: ${(err as Error).message}; it was left as it is`);
      }
    }
    const check = await ctx.stores.objects.restore(out.hash, out.path, { isexec: out.isexec === true, hasher: ctx.stores.hasher });
    for (const t of check.stuck ?? []) ctx.emit({ type: 'warning', stage: stage.name, message: t.message });
    if (check.status === 'ok') continue;
    const kind = check.status === 'corrupt' ? 'cache-corrupt' : 'cache-missing';
    ctx.emit({
      type: 'warning',
      stage: stage.name,
      message: `cannot restore '${out.path}' from cache: ${check.status === 'corrupt' ? 'object content does not match its hash (removed from the cache)' : 'object missing'}; running the stage instead`,
    });
    problems.push({ kind, path: out.path });
  }
  if (problems.length > 0) return problems;
  if (d.from === 'run-cache') {
    const error = await ctx.writeLock(stage.name, { cmd: d.inputs.cmd, deps: d.inputs.deps, params: d.inputs.params, outs: d.outs });
    if (error) return failed(stage, d.reasons, started, error);
  }
  return { name: stage.name, outcome: 'restored', durationMs: Date.now() - started, reasons: d.reasons, restoredFrom: d.from };
}

export async function runStage(stage: StageSpec, d: RunDecision, ctx: ExecContext): Promise<StageResult> {
  const started = Date.now();
  ctx.emit({ type: 'stage-start', stage: stage.name, reasons: d.reasons, cmd: stage.cmd });
  const outputs = stageOutputs(stage);
  // content neither pipeline.lock nor the cache holds is moved aside, never deleted (unrecorded-outs.ts)
  const keep = pathsToKeep(d.reasons);
  const stamp = keptStamp();
  for (const out of outputs) {
    const abs = join(ctx.root, out.path);
    if (!out.persist && keep.has(out.path) && existsSync(abs)) {
      try {
        ctx.emit({ type: 'warning', stage: stage.name, message: await moveAside(ctx.root, stage.name, out.path, ctx.stores, stamp) });
      } catch (err) {
        return failed(stage, d.reasons, started, `could not move '${out.path}' aside (it holds content neither pipeline.lock nor the cache records): ${(err as Error).message}; nothing was removed`);
      }
    }
    // stale results must never leak into a new one (unless the stage asked to keep them); a
    // read-only folder the last run left inside is made writable to go
    if (!out.persist) removeTreeSync(abs);
    mkdirSync(dirname(abs), { recursive: true });
  }
  // Python writes __pycache__/ next to the modules it imports: into a stage's own `src` dep, which
  // would then differ after every run and rerun the stage next time. Unless the user's
  // environment says otherwise (an empty value turns it back on), stages write no bytecode.
  const env = { PYTHONDONTWRITEBYTECODE: '1', ...process.env, PIPE_STAGE: stage.name, PIPE_ROOT: ctx.root };
  for (const cmd of stage.cmd) {
    let pgid: number | undefined;
    const cmdStarted = Date.now();
    ctx.explain?.({ type: 'cmd-start', stage: stage.name, cmd, cwd: stage.wdir === '' ? '.' : stage.wdir });
    const r = await runShell(cmd, {
      cwd: join(ctx.root, stage.wdir),
      env,
      abort: ctx.abort,
      onLine: (stream, text) => ctx.emit({ type: 'stage-output', stage: stage.name, stream, text }),
      onStart: (id) => {
        pgid = id;
        ctx.orphans.add(id, stage.name);
      },
    });
    if (pgid !== undefined) ctx.orphans.remove(pgid);
    ctx.explain?.({ type: 'cmd-done', stage: stage.name, cmd, durationMs: Date.now() - cmdStarted, code: r.code, ...(r.signal ? { signal: r.signal } : {}) });
    if (ctx.abort.aborted) {
      await rememberFailedRun(stage, ctx.stores);
      return failed(stage, d.reasons, started, 'interrupted');
    }
    if (r.lingering === true) {
      ctx.emit({
        type: 'warning',
        stage: stage.name,
        message: `its command exited, but processes it started in the background still hold its output (process group ${pgid ?? '?'}): pipe went on without waiting for them and left them running; send their output elsewhere (\`server > server.log 2>&1 &\`) to stop this warning`,
      });
    }
    if (r.spawnError !== undefined) return failed(stage, d.reasons, started, `could not start /bin/sh: ${r.spawnError}`);
    if (r.code !== 0) {
      await rememberFailedRun(stage, ctx.stores);
      const result = failed(stage, d.reasons, started, r.signal ? `killed by ${r.signal}` : `exit code ${r.code}`);
      if (r.code !== null) result.exitCode = r.code;
      if (r.signal) result.signal = r.signal;
      return result;
    }
  }
  const notProduced = outputs.filter((o) => !existsSync(join(ctx.root, o.path))).map((o) => `'${o.path}'`);
  if (notProduced.length > 0) {
    await rememberFailedRun(stage, ctx.stores);
    return failed(stage, d.reasons, started, `cmd succeeded but did not produce declared output${notProduced.length > 1 ? 's' : ''} ${notProduced.join(', ')}`);
  }
  // The lock records the deps as they were when the stage started: what the outputs were made
  // from (DVC records them as they are after the run, which would credit the outputs to an edit
  // made while a long stage ran). A dep that changed meanwhile is said, since the next repro
  // will run the stage again; one that is gone leaves nothing true to record.
  const after = await currentInputs(stage, ctx);
  if (after.missing.length > 0) {
    const gone = after.missing.map((p) => `'${p}'`).join(', ');
    return failed(stage, d.reasons, started, `cmd succeeded but its dep${after.missing.length > 1 ? 's' : ''} ${gone} no longer exist${after.missing.length > 1 ? '' : 's'} (did the stage remove ${after.missing.length > 1 ? 'them' : 'it'}?): nothing recorded`);
  }
  const now = new Map(after.inputs.deps.map((dep) => [dep.path, dep.hash]));
  const changed = d.inputs.deps.filter((dep) => now.get(dep.path) !== dep.hash).map((dep) => `'${dep.path}'`);
  if (changed.length > 0) {
    const one = changed.length === 1;
    ctx.emit({
      type: 'warning',
      stage: stage.name,
      message: `dep${one ? '' : 's'} ${changed.join(', ')} changed while the stage ran (written by the stage itself, or edited meanwhile): pipeline.lock records ${one ? 'it' : 'them'} as ${one ? 'it was' : 'they were'} when it started, so the next repro runs it again; a stage should not write into its own deps`,
    });
  }
  const error = await recordOutputs(stage, d.inputs, ctx);
  if (error) return failed(stage, d.reasons, started, error);
  return { name: stage.name, outcome: 'ran', durationMs: Date.now() - started, reasons: d.reasons };
}

/**
 * Stores the stage's outputs as they are in the workspace (object cache, run-cache entry for
 * `inputs`) and records them with `inputs` in pipeline.lock: after a run, and for `pipe commit`.
 * With `noCommit` only pipeline.lock is written. Returns an error message, or undefined.
 */
export async function recordOutputs(stage: StageSpec, inputs: StageInputs, ctx: Pick<ExecContext, 'stores' | 'writeLock' | 'noCommit'>): Promise<string | undefined> {
  const outs: LockEntry[] = [];
  const commit = ctx.noCommit !== true;
  for (const out of stageOutputs(stage)) {
    const store = commit && (out.cache || usesRunCache(stage));
    const info = store ? await ctx.stores.objects.save(out.path, ctx.stores.hasher) : await ctx.stores.hasher.hashPath(out.path);
    if (!info) return `output '${out.path}' disappeared while it was being stored`;
    outs.push({ path: out.path, ...info });
  }
  if (commit && usesRunCache(stage)) {
    await ctx.stores.runs.put(inputs.key, {
      stage: stage.name,
      outs: Object.fromEntries(outs.map((o) => [o.path, { hash: o.hash, size: o.size, nfiles: o.nfiles, ...(o.isexec === true ? { isexec: true as const } : {}) }])),
      createdAt: new Date().toISOString(),
    });
  }
  return ctx.writeLock(stage.name, { cmd: inputs.cmd, deps: inputs.deps, params: inputs.params, outs });
}

function failed(stage: StageSpec, reasons: Reason[], started: number, message: string): StageResult {
  return { name: stage.name, outcome: 'failed', durationMs: Date.now() - started, reasons, message };
}
