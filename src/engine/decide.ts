// Decisions: for one stage, given the workspace, pipeline.lock and the caches, whether it is up
// to date, can be restored from cache (lock or run-cache), or must run, and why.
import { remoteConfigured } from './remote-hint.js';
import type { EventSink, Reason } from './events.js';
import { checkedEvent, type OutTrace } from './explain.js';
import { overlaidHash, type Overlay } from './folder-overlay.js';
import { canonicalJson, fingerprint, heldByCache, seenAsRecorded, type LockEntry, type LockFile, type LockStage, type Stores } from './store-adapter.js';
import { stageOutputs, usesRunCache, type ParamValues, type StageSpec } from './types.js';
import { pathsToKeep, unrecordedOutputs } from './unrecorded-outs.js';

/** What the lock would record for the stage's current inputs. */
export interface StageInputs {
  cmd: string | string[];
  deps: LockEntry[];
  params: ParamValues;
  /** run-cache key of these inputs */
  key: string;
}

export type Decision =
  | { action: 'up-to-date'; reasons: Reason[]; inputs: StageInputs }
  | { action: 'frozen'; reasons: Reason[]; inputs: StageInputs }
  | { action: 'restore'; from: 'lock' | 'run-cache'; outs: LockEntry[]; reasons: Reason[]; inputs: StageInputs }
  | { action: 'run'; reasons: Reason[]; inputs: StageInputs };

export interface DecideContext {
  stores: Stores;
  lock: LockFile;
  force: boolean;
  /** status/--dry: what paths will hold when repro gets to the stage (folder-overlay.ts) */
  overlay?: Overlay;
  /** `repro --no-run-cache`: run a stage whose inputs changed even when an earlier run of the
   *  same inputs is in the run-cache (a nondeterministic stage, a suspected bad result) */
  noRunCache?: boolean;
  /**
   * `repro --allow-missing` (DVC's): deps and outputs missing from the workspace, with no copy in
   * the cache to restore, are no change when pipeline.lock records them and nothing else changed
   * (a CI checkout without the data): the stage is left as up to date, saying what is missing
   */
  allowMissing?: boolean;
  /** `-v`: where each decision's `stage-checked` event goes (explain.ts) */
  explain?: EventSink;
}

/** The lock form of the cmd: a string for one command, a list for several (like dvc.lock). */
export function lockCmd(stage: StageSpec): string | string[] {
  return stage.cmd.length === 1 ? (stage.cmd[0] ?? '') : [...stage.cmd];
}

function cmdList(cmd: string | string[]): string[] {
  return typeof cmd === 'string' ? [cmd] : cmd;
}

export async function currentInputs(stage: StageSpec, ctx: Pick<DecideContext, 'stores' | 'overlay'>): Promise<{ inputs: StageInputs; missing: string[] }> {
  const deps: LockEntry[] = [];
  const missing: string[] = [];
  for (const dep of stage.deps) {
    const info = await overlaidHash(dep.path, ctx.overlay, ctx.stores);
    // a dep is recorded by its content alone: the exec bit is an output's (exec-bit.ts)
    if (info) deps.push({ path: dep.path, hash: info.hash, size: info.size, nfiles: info.nfiles });
    else missing.push(dep.path);
  }
  deps.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const cmd = lockCmd(stage);
  const key = fingerprint({
    v: 1,
    cmd: cmdList(cmd),
    deps: deps.map((d) => ({ path: d.path, hash: d.hash })),
    params: stage.params,
    outs: stageOutputs(stage).map((o) => o.path).sort(),
  });
  return { inputs: { cmd, deps, params: stage.params, key }, missing };
}

/** Differences between the lock entry and the current inputs (outputs not looked at). */
export function inputChanges(stage: StageSpec, inputs: StageInputs, missing: string[], locked: LockStage | undefined): Reason[] {
  if (!locked) return [{ kind: 'new' }];
  const reasons: Reason[] = [];
  if (canonicalJson(cmdList(locked.cmd)) !== canonicalJson(cmdList(inputs.cmd))) reasons.push({ kind: 'cmd-changed' });
  const before = new Map(locked.deps.map((d) => [d.path, d.hash]));
  for (const d of inputs.deps) {
    if (!before.has(d.path)) reasons.push({ kind: 'dep-added', path: d.path });
    else if (before.get(d.path) !== d.hash) reasons.push({ kind: 'dep-changed', path: d.path });
  }
  for (const p of missing) reasons.push({ kind: 'dep-changed', path: p });
  const now = new Set(stage.deps.map((d) => d.path));
  for (const p of before.keys()) if (!now.has(p)) reasons.push({ kind: 'dep-removed', path: p });
  const files = new Set([...Object.keys(locked.params), ...Object.keys(inputs.params)]);
  for (const file of [...files].sort()) {
    const a = locked.params[file] ?? {};
    const b = inputs.params[file] ?? {};
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (!(key in a) || !(key in b) || canonicalJson(a[key]) !== canonicalJson(b[key])) {
        reasons.push({ kind: 'param-changed', file, key });
      }
    }
  }
  const declared = stageOutputs(stage).map((o) => o.path).sort();
  const recorded = locked.outs.map((o) => o.path).sort();
  if (canonicalJson(declared) !== canonicalJson(recorded)) reasons.push({ kind: 'outs-changed' });
  return reasons;
}

export async function decide(stage: StageSpec, ctx: DecideContext): Promise<Decision> {
  if (ctx.explain === undefined) return decideAndKeep(stage, ctx);
  const outs: OutTrace = [];
  const d = await decideAndKeep(stage, ctx, outs);
  ctx.explain(checkedEvent(stage, d, ctx.lock.stages[stage.name], outs, ctx.stores, ctx.overlay));
  return d;
}

async function decideAndKeep(stage: StageSpec, ctx: DecideContext, trace?: OutTrace): Promise<Decision> {
  const d = await decideOnly(stage, ctx, trace);
  if (d.action !== 'run') return d;
  // a run removes its outputs first: say which hold content nothing records (moved aside then)
  const said = pathsToKeep(d.reasons);
  const unrecorded = (await unrecordedOutputs(stage, ctx.lock.stages[stage.name], ctx.stores)).filter((r) => r.kind === 'out-unrecorded' && !said.has(r.path));
  return unrecorded.length === 0 ? d : { ...d, reasons: [...d.reasons, ...unrecorded] };
}

async function decideOnly(stage: StageSpec, ctx: DecideContext, trace?: OutTrace): Promise<Decision> {
  const { inputs, missing } = await currentInputs(stage, ctx);
  const locked = ctx.lock.stages[stage.name];
  const found = inputChanges(stage, inputs, missing, locked);
  // --allow-missing: a missing dep the lock records is not a change (an allowed-missing reason below)
  const allowed = ctx.allowMissing === true && locked !== undefined ? missing.filter((p) => locked.deps.some((d) => d.path === p)) : [];
  const changes = allowed.length === 0 ? found : found.filter((r) => !(r.kind === 'dep-changed' && allowed.includes(r.path)));

  if (stage.frozen) {
    // frozen: never run; outs that went missing are still put back when the cache has them
    if (locked && changes.every((r) => r.kind !== 'outs-changed')) {
      const outs = await outsState(stage, locked, ctx, trace);
      if (outs.restorable && outs.reasons.length > 0) return { action: 'restore', from: 'lock', outs: locked.outs, reasons: outs.reasons, inputs };
    }
    return { action: 'frozen', reasons: [], inputs };
  }
  if (ctx.force) return { action: 'run', reasons: [{ kind: 'forced' }], inputs };
  if (stage.alwaysChanged) return { action: 'run', reasons: [{ kind: 'always-changed' }], inputs };
  // no deps, params nor outputs: nothing could say it changed or is done, so it always runs
  // (DVC's rule for such stages; `always_changed: true` says so for a stage that has some)
  if (isCallback(stage)) return { action: 'run', reasons: [{ kind: 'no-deps-nor-outs' }], inputs };

  if (locked && changes.length === 0) {
    const outs = await outsState(stage, locked, ctx, trace);
    const skip = (paths: string[]): Decision => ({ action: 'up-to-date', reasons: paths.length === 0 ? [] : [{ kind: 'allowed-missing', paths }], inputs });
    if (outs.reasons.length === 0) return skip(allowed);
    if (outs.restorable) return { action: 'restore', from: 'lock', outs: locked.outs, reasons: outs.reasons, inputs };
    // --allow-missing: outputs missing with no copy to restore; an output edited still runs it
    if (ctx.allowMissing === true && outs.reasons.every((r) => r.kind === 'out-missing' || r.kind === 'cache-missing')) {
      return skip([...allowed, ...outs.reasons.flatMap((r) => (r.kind === 'out-missing' ? [r.path] : []))]);
    }
    return { action: 'run', reasons: outs.reasons, inputs };
  }
  if (missing.length === 0) {
    const hit = runCacheHit(stage, inputs.key, ctx);
    if (hit) return { action: 'restore', from: 'run-cache', outs: hit, reasons: [...changes, ...(await unsavedOuts(stage, hit, locked, ctx))], inputs };
  }
  return { action: 'run', reasons: changes, inputs };
}

/** Outs that differ from the lock, and whether the cache can put all of them back. */
async function outsState(stage: StageSpec, locked: LockStage, ctx: DecideContext, trace?: OutTrace): Promise<{ reasons: Reason[]; restorable: boolean }> {
  const reasons: Reason[] = [];
  let restorable = true;
  const recorded = new Map(locked.outs.map((o) => [o.path, o]));
  for (const out of stageOutputs(stage)) {
    const want = recorded.get(out.path);
    const have = await ctx.stores.hasher.hashPath(out.path);
    if (trace !== undefined) {
      const how = have === undefined ? undefined : ctx.stores.hasher.howHashed(out.path);
      trace.push({ part: 'out', name: out.path, ...(have !== undefined ? { now: have.hash } : {}), ...(want !== undefined ? { recorded: want.hash } : {}), ...(how !== undefined ? { how } : {}) });
    }
    if (want && seenAsRecorded(ctx.stores.objects, ctx.stores.hasher, out.path, have, want)) continue;
    // an edit the cache does not hold is lost by a restore: said before, not only after
    const unsaved = have !== undefined && !(await heldByCache(ctx.stores.objects, ctx.stores.hasher, out.path, have.hash));
    // a whole version the cache holds, not the recorded one: pipeline.lock changed under it (a
    // `git pull`, a branch switch), not an edit (an exec bit changed alone is one)
    const outdated = have !== undefined && want !== undefined && have.hash !== want.hash && ctx.stores.objects.hasAll(have.hash);
    reasons.push(have ? { kind: unsaved ? 'out-unsaved' : outdated ? 'out-outdated' : 'out-modified', path: out.path } : { kind: 'out-missing', path: out.path });
    // a `cache: false` out is restorable too when a copy was kept for the run-cache
    if (!want || !ctx.stores.objects.hasAll(want.hash)) {
      restorable = false;
      // recorded but not here: a configured remote may have it (a teammate's push)
      reasons.push({ kind: 'cache-missing', path: out.path, ...(want !== undefined && remoteConfigured(ctx.stores.projectRoot) ? { pull: true as const } : {}) });
    }
  }
  return { reasons, restorable };
}

/**
 * The outs whose current content differs from `outs` and is not in the cache: a restore loses it.
 * A `cache: false` out (kept in git, as metrics are) that is what pipeline.lock records is not an
 * edit: the cache need not hold it (a fresh clone's cache never does), and git or the run that
 * made it does.
 */
async function unsavedOuts(stage: StageSpec, outs: LockEntry[], locked: LockStage | undefined, ctx: DecideContext): Promise<Reason[]> {
  const reasons: Reason[] = [];
  const uncached = new Set(stageOutputs(stage).filter((o) => !o.cache).map((o) => o.path));
  for (const out of outs) {
    const have = await ctx.stores.hasher.hashPath(out.path);
    if (have === undefined || seenAsRecorded(ctx.stores.objects, ctx.stores.hasher, out.path, have, out)) continue;
    const record = uncached.has(out.path) ? locked?.outs.find((o) => o.path === out.path) : undefined;
    if (record !== undefined && seenAsRecorded(ctx.stores.objects, ctx.stores.hasher, out.path, have, record)) continue;
    if (!(await heldByCache(ctx.stores.objects, ctx.stores.hasher, out.path, have.hash))) reasons.push({ kind: 'out-unsaved', path: out.path });
  }
  return reasons;
}

/** The newest run-cache entry for `key` whose outs are all in the object cache. */
function runCacheHit(stage: StageSpec, key: string, ctx: DecideContext): LockEntry[] | undefined {
  if (!usesRunCache(stage) || ctx.noRunCache === true) return undefined;
  const outs = stageOutputs(stage);
  for (const { entry } of ctx.stores.runs.get(key)) {
    const restored: LockEntry[] = [];
    for (const out of outs) {
      const info = entry.outs[out.path];
      if (!info || !ctx.stores.objects.hasAll(info.hash)) break;
      restored.push({ path: out.path, ...info });
    }
    if (restored.length === outs.length) return restored;
  }
  return undefined;
}

/** A stage with neither deps (params included) nor outputs (metrics and plots included). */
export function isCallback(stage: StageSpec): boolean {
  return stage.deps.length === 0 && Object.keys(stage.params).length === 0 && stageOutputs(stage).length === 0;
}
