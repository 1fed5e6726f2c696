// What the engine tells the outside world while it works, and what it returns. Reporters turn
// these into text or JSON; the engine itself never prints.
import type { Failure } from './failure.js';
import type { HashSource } from './store-adapter.js';

/** Why a stage would run (or could not be left as it is). */
export type Reason =
  | { kind: 'new' }
  | { kind: 'forced' }
  | { kind: 'always-changed' }
  /** neither deps nor outputs: always runs (decide.ts isCallback) */
  | { kind: 'no-deps-nor-outs' }
  | { kind: 'cmd-changed' }
  | { kind: 'dep-changed'; path: string }
  | { kind: 'dep-added'; path: string }
  | { kind: 'dep-removed'; path: string }
  | { kind: 'param-changed'; file: string; key: string }
  | { kind: 'outs-changed' }
  | { kind: 'out-missing'; path: string }
  | { kind: 'out-modified'; path: string }
  /** differs from pipeline.lock, and is a whole earlier version the cache holds (the lock changed under it: a `git pull`, a branch switch) */
  | { kind: 'out-outdated'; path: string }
  /** modified, and the cache does not hold what it is now: a restore or rerun replaces it */
  | { kind: 'out-unsaved'; path: string }
  /** exists, and neither pipeline.lock nor the cache records what it holds: a run moves it to .pipe/kept/ (unrecorded-outs.ts) */
  | { kind: 'out-unrecorded'; path: string }
  /** `pull`: a remote is configured, so `pipe pull` may fetch it (remote-hint.ts; the remote is not asked) */
  | { kind: 'cache-missing'; path: string; pull?: true }
  | { kind: 'cache-corrupt'; path: string }
  | { kind: 'upstream'; stage: string }
  /** `repro --force-downstream`: run because `stage`, before it, ran or was restored */
  | { kind: 'forced-downstream'; stage: string }
  /** `repro --allow-missing`: up to date but for these deps and outputs, missing with no copy in the cache (decide.ts) */
  | { kind: 'allowed-missing'; paths: string[] };

export type Outcome =
  | 'ran'
  | 'restored'
  | 'up-to-date'
  | 'failed'
  | 'skipped'
  | 'frozen'
  /** --dry / status: what repro would do */
  | 'would-run'
  | 'would-restore'
  /** status: cannot run until tracked data a dep needs is checked out (`message` says which) */
  | 'blocked';

export interface StageResult {
  name: string;
  outcome: Outcome;
  durationMs: number;
  reasons: Reason[];
  /** restored: from the lock's outs or from a run-cache entry */
  restoredFrom?: 'lock' | 'run-cache';
  /** failed: what went wrong, e.g. `exit code 2`; skipped, blocked: why */
  message?: string;
  /** failed with a known exit code / signal */
  exitCode?: number;
  signal?: string;
}

/** An output of a foreach/matrix copy pipeline.yaml no longer makes, still in the workspace
 *  (src/engine/dropped-outs.ts): `remove` when a whole-pipeline repro removes it (exactly what
 *  pipeline.lock recorded, and cached), `keep` when it differs and stays. */
export interface DroppedOutput {
  path: string;
  /** the dropped copy that made it; for a `stray` one, the stage whose dep folder holds it */
  stage: string;
  /** `move`: a stray the cache does not hold, moved to .pipe/kept/ */
  action: 'remove' | 'keep' | 'move';
  /**
   * an output pipe made (gitignored.json knows it) that neither pipeline.yaml nor pipeline.lock
   * names (a foreach item of another branch), inside a folder `stage` depends on
   */
  stray?: { dep: string };
  /** kept because this current stage reads it (a dep on it or inside it) */
  readBy?: string;
  /** kept because git tracks it (a `cache: false` metric committed to git) */
  gitTracked?: true;
}

export type EngineEvent =
  | { type: 'stage-start'; stage: string; reasons: Reason[]; cmd: string[] }
  | { type: 'stage-output'; stage: string; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'stage-done'; result: StageResult }
  | { type: 'warning'; stage?: string; message: string }
  | { type: 'note'; message: string }
  /**
   * Data `pipe add` tracks that a selected stage reads and that differs from its `.pipe` file as
   * the repro starts (data-sources.ts): `stored` in the cache and the file rewritten, as DVC's
   * repro commits a changed data source; `would-store` under --dry; `left` as it is under --no-commit.
   */
  | { type: 'data-source'; path: string; file: string; action: 'stored' | 'would-store' | 'left' };

/**
 * `-v` (ReproOptions.explain): what the engine compared and did, for debug lines; emitted only
 * when asked for, so that the other output (and `--json`'s event lines) stays as it is.
 */
export type DebugEvent =
  /** a stage decided: each part of its fingerprint compared with pipeline.lock, and the outcome */
  | { type: 'stage-checked'; stage: string; parts: CheckedPart[]; action: 'up-to-date' | 'frozen' | 'restore' | 'run'; from?: 'lock' | 'run-cache'; key: string }
  /** one command line of a stage's cmd, as /bin/sh -c gets it, in `cwd` (root-relative, `.`) */
  | { type: 'cmd-start'; stage: string; cmd: string; cwd: string }
  | { type: 'cmd-done'; stage: string; cmd: string; durationMs: number; code: number | null; signal?: string };

/** One part of a stage's fingerprint as decide.ts compared it. */
export interface CheckedPart {
  part: 'cmd' | 'dep' | 'param' | 'out';
  /** the dep's or output's path, `file:key` for a param, '' for the cmd */
  name: string;
  /** now (a hash, a param's JSON, the cmd); undefined: missing */
  now?: string;
  /** as pipeline.lock records it; undefined: not recorded */
  recorded?: string;
  /** deps and outputs: how the hash was had; `foreseen`: what an upstream stage of the dry run will leave there */
  how?: HashSource | 'foreseen';
}

export function isDebugEvent(e: EngineEvent | DebugEvent): e is DebugEvent {
  return e.type === 'stage-checked' || e.type === 'cmd-start' || e.type === 'cmd-done';
}

export type EventSink = (event: EngineEvent | DebugEvent) => void;

export interface ReproResult {
  /** config / lock / busy failures found before anything ran (exit 2, or 1 when busy) */
  failures: Failure[];
  stages: StageResult[];
  interrupted: boolean;
  /** set when another process holds the repro lock */
  lockedBy?: number;
  /** a whole-pipeline repro: the outputs of dropped copies it removed or left; --dry and
   *  status: those the next one would */
  dropped?: DroppedOutput[];
  /** status: what loading the project had to say (a params key that looks mistyped) */
  notes?: string[];
  /** status: data `pipe add` tracks that is missing or differs from its tracking file (only when some) */
  tracked?: TrackedChange[];
  /** status: stage processes a killed repro left running, which may still write outputs (only when some) */
  warnings?: string[];
}

/** Tracked data (`pipe add`) not as its `<path>.pipe` file records it. */
export interface TrackedChange {
  /** root-relative path of the data */
  path: string;
  /** root-relative path of its tracking file */
  file: string;
  /** outdated: imported data as recorded, whose local source's size or modification time changed since */
  state: 'missing' | 'modified' | 'outdated';
  /** `pipe import-url`ed data: its source, not `pipe add`, records a new version */
  imported?: true;
  /** outdated: the source's URL or path as the .pipe file records it */
  source?: string;
  /**
   * modified `pipe add`ed data: the stages that read it (only when some), so that a repro stores
   * this version and rewrites the .pipe file before they run (data-sources.ts)
   */
  readBy?: string[];
}

export function describeReason(r: Reason): string {
  switch (r.kind) {
    case 'new': return 'never ran';
    case 'forced': return 'forced';
    case 'always-changed': return 'always_changed';
    case 'no-deps-nor-outs': return 'no deps nor outputs: it always runs';
    case 'cmd-changed': return 'cmd changed';
    case 'dep-changed': return `dep '${r.path}' changed`;
    case 'dep-added': return `dep '${r.path}' added`;
    case 'dep-removed': return `dep '${r.path}' removed`;
    case 'param-changed': return `param '${r.key}' changed${r.file === 'params.yaml' ? '' : ` in ${r.file}`}`;
    case 'outs-changed': return 'declared outputs changed';
    case 'out-missing': return `out '${r.path}' missing`;
    case 'out-modified': return `out '${r.path}' modified`;
    case 'out-outdated': return `out '${r.path}' out of date with pipeline.lock`;
    case 'out-unsaved': return `out '${r.path}' has edits the cache does not hold (a run would keep it in .pipe/kept/)`;
    case 'out-unrecorded': return `out '${r.path}' holds content neither pipeline.lock nor the cache records: the run moves it to .pipe/kept/`;
    case 'cache-missing': return r.pull === true ? `out '${r.path}' not in the local cache: \`pipe pull\` fetches it` : `out '${r.path}' not in cache`;
    case 'cache-corrupt': return `cache object for '${r.path}' is corrupt`;
    case 'upstream': return `upstream stage '${r.stage}' will run`;
    case 'forced-downstream': return `forced: after stage '${r.stage}' (--force-downstream)`;
    case 'allowed-missing': return `${r.paths.map((p) => `'${p}'`).join(', ')} missing; nothing else changed (--allow-missing)`;
  }
}

/** The note for a dropped copy's output: what repro did (`done`), or what the next one would. */
export function describeDropped(d: DroppedOutput, when: 'done' | 'would'): string {
  if (d.stray !== undefined) {
    const stray = `${d.path}, an output pipe made that no stage of pipeline.yaml or pipeline.lock names (another branch's?), lies in '${d.stray.dep}', a dep of stage '${d.stage}'`;
    if (d.action === 'remove') return `${stray}: ${when === 'done' ? 'removed' : 'would be removed'}; the cache keeps it`;
    return `${stray}: ${when === 'done' ? 'moved' : 'would be moved'} to .pipe/kept/, since the cache does not hold it`;
  }
  const what = `${d.path}, an output of '${d.stage}' (no longer in pipeline.yaml)`;
  if (d.action === 'remove') return `${when === 'done' ? 'removed' : 'would remove'} ${what}; the cache keeps it`;
  // after this run the lock forgets the copy, so this is said once: say what to do with it
  if (d.gitTracked === true) {
    return `${what}, is tracked by git: ${when === 'done' ? 'left' : 'would be left'} as it is (\`git rm\` it if you no longer want it)`;
  }
  if (d.readBy !== undefined) {
    return `${what}, is read by stage '${d.readBy}': ${when === 'done' ? 'left' : 'would be left'} as it is (it goes once no stage reads it)`;
  }
  return `${what}, differs from what pipeline.lock recorded: ${when === 'done' ? 'left as it is; delete it unless you mean to keep it (this note is not repeated)' : 'would be left as it is'}`;
}
