// Experiment records: one small JSON file per `pipe repro` that ran, restored or failed a stage.
// Called by the repro command after the run; see docs/ARCHITECTURE.md and ./schema.ts.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readTrackingFiles } from '../engine/index.js';
import { headState } from './git.js';
import { readIfExists } from './files.js';
import { readProjectState, workspaceSource } from './workspace.js';
import { SCHEMA_VERSION, type ExperimentRecord } from './schema.js';
import { loadExperiments, newExperimentId, writeRecord } from './store.js';
import { stringifyJsonData } from './json-data.js';
import { checkRecordsFolder } from './records-folder.js';
import type { Flat } from './flatten.js';
import { paramsAsRead, type ParamChange } from './params-as-read.js';

/** `interrupted`: stopped by Ctrl-C or kill (a failure of the run, not of the stage's command) */
export type StageOutcomeKind = 'ran' | 'restored' | 'up-to-date' | 'failed' | 'interrupted' | 'skipped';

export interface StageOutcome {
  name: string;
  outcome: StageOutcomeKind;
  durationMs: number;
}

export interface RecordInput {
  /** project root (the folder holding pipeline.yaml) */
  root: string;
  /** `pipe exp run -n NAME` passes it through `pipe repro --exp-name NAME` */
  name?: string;
  /** a temp or queued experiment's id (`pipe repro --exp-id`), the one its queue showed; else a new one */
  id?: string;
  stages: StageOutcome[];
  /** the pipe version writing the record (defaults to this package's) */
  pipeVersion?: string;
  /** clock, for tests */
  now?: Date;
  /**
   * stages outside this run whose outputs are out of date (the repro command asks the engine);
   * this run's own failed and skipped stages are added to them here
   */
  staleStages?: string[];
  /** told each thing the record could not keep (a metrics file that does not parse) */
  onWarning?: (message: string) => void;
  /**
   * the stages whose pipeline.lock params are the values this run read (those that ran, were
   * restored or were up to date; not frozen, failed or skipped ones): the record holds those
   * values rather than the params files as they are at the end (see params-as-read.ts)
   */
  readStages?: string[];
  /**
   * a plain `pipe repro` (not `exp run`, not `--record`): a run that only restored from the
   * run-cache and leaves everything as the newest record holds it writes no record (see sameAsNewest)
   */
  skipIfSame?: boolean;
}

export interface RecordResult {
  id: string;
  /** params keys whose files changed while the run went on (the record holds the values read) */
  changedDuringRun: ParamChange[];
  /** true: nothing was written, the newest record (`id`) already holds this run's result */
  same?: boolean;
}

/** Plots files longer than this are not copied into the record (it must stay small). */
const MAX_PLOT_ROWS = 5000;
/** Uncached outs larger than this are not copied into the record. */
const MAX_UNCACHED_BYTES = 256 * 1024;

/**
 * Writes the record and returns its id; returns undefined when no stage ran, was restored or
 * failed, or when the records folder is a declared output (checkRecordsFolder says why).
 */
export async function recordExperiment(input: RecordInput): Promise<string | undefined> {
  return (await recordRun(input))?.id;
}

/** recordExperiment, also saying which params changed while the run went on. */
export async function recordRun(input: RecordInput): Promise<RecordResult | undefined> {
  if (!input.stages.some((s) => s.outcome === 'ran' || s.outcome === 'restored' || s.outcome === 'failed')) return undefined;
  if (!(await checkRecordsFolder(input.root)).ok) return undefined;
  const now = input.now ?? new Date();
  // A record is history, not a gate: a metrics or plots file that does not parse is recorded as
  // missing, with a warning naming it, and the other files are recorded as they are.
  const state = await readProjectState(workspaceSource(input.root), { params: true, metrics: true, plots: true, lenient: true });
  if (state.ok) {
    for (const f of state.value.broken) input.onWarning?.(`${f.where === undefined ? '' : `${f.where}: `}${f.message}; recorded as missing in the experiment`);
  }
  const metrics = state.ok ? state.value.metrics : {};
  const plots: ExperimentRecord['plots'] = {};
  if (state.ok) {
    for (const [p, rows] of Object.entries(state.value.plots)) plots[p] = rows && rows.length <= MAX_PLOT_ROWS ? rows : null;
  }
  // A stale stage's metrics and plots are an earlier run's: recorded as missing, so `exp show`
  // and `metrics diff` never credit this experiment with them.
  const stale = staleStages(input);
  if (state.ok) {
    for (const d of state.value.declared.metrics) if (stale.includes(d.stage)) metrics[d.path] = null;
    for (const d of state.value.declared.plots) if (stale.includes(d.stage)) plots[d.path] = null;
  }
  const lockText = (await readIfExists(join(input.root, 'pipeline.lock'))) ?? null;
  const read = paramsAsRead(lockText, input.readStages ?? [], state.ok ? (state.value.params ?? null) : null, state.ok ? state.value.otherParams : {});
  const record: ExperimentRecord = {
    schema_version: SCHEMA_VERSION,
    id: input.id ?? newExperimentId(now),
    name: input.name ?? null,
    created: now.toISOString(),
    git: await headState(input.root),
    pipe_version: input.pipeVersion ?? (await packageVersion()),
    backend: findBackend(metrics),
    params: read.params,
    // beside `params` rather than in it: records before it hold params.yaml's data there, as is
    other_params: read.otherParams,
    metrics,
    plots,
    stages: input.stages.map((s) => ({ name: s.name, outcome: s.outcome, duration_ms: Math.round(s.durationMs) })),
    // left out when the engine could not tell (the schema's "unknown"): the run's own failed
    // and skipped stages alone would read as a complete list
    ...(input.staleStages !== undefined ? { stale_stages: stale } : {}),
    pipeline_lock: lockText,
    uncached_outs: state.ok ? await readUncached(input.root, state.value.declared.uncached) : {},
    ...(await trackedFiles(input.root, state.ok ? state.value.declared.outputs.map((o) => o.path) : [])),
  };
  if (input.skipIfSame === true && input.name === undefined && input.id === undefined) {
    const held = recordedBefore(record, (await loadExperiments(input.root)).records);
    if (held !== undefined) return { id: held.id, changedDuringRun: read.changed, same: true };
  }
  await writeRecord(input.root, record);
  return { id: record.id, changedDuringRun: read.changed };
}

/**
 * The record already written that `record` (not yet written) would repeat, if any (or the commit,
 * as its id): no stage of it ran or failed (each was restored from the run-cache or up to date),
 * and HEAD holds every file git tracks as it is, or an earlier record holds the same commit and
 * uncommitted changes, params, metrics, pipeline.lock (the data and outputs) and tracked data. Going back to the committed params after an experiment and running `pipe
 * repro` restores a result recorded before, not a new one: DVC's `repro` records nothing, and
 * `exp show` would list one row alike per such repro. A run that differs in any of these is recorded.
 */
function recordedBefore(record: ExperimentRecord, records: ExperimentRecord[]): ExperimentRecord | undefined {
  if (record.stages.some((s) => s.outcome !== 'restored' && s.outcome !== 'up-to-date')) return undefined;
  // nothing git tracks differs from HEAD: pipeline.lock (so every output), params and metrics are
  // the commit's own, which `exp show` lists as its baseline row
  if (record.git !== null && !record.git.dirty && Array.isArray(record.git.changed)) return { ...record, id: record.git.rev };
  const key = (r: ExperimentRecord): string =>
    stringifyJsonData([r.git, r.params, r.other_params ?? null, r.metrics, r.stale_stages ?? null, r.pipeline_lock, r.uncached_outs, r.tracked_files ?? null]);
  const mine = key(record);
  return records.find((r) => key(r) === mine);
}

/** `{tracked_files}` when the project has tracking files (`pipe add`), as they are now; else nothing. */
async function trackedFiles(root: string, outputs: string[]): Promise<Pick<ExperimentRecord, 'tracked_files'>> {
  const found = readTrackingFiles(root, new Set(outputs));
  // a broken tracking file stops status and repro themselves; the record just leaves them out
  if (!found.ok || found.value.length === 0) return {};
  const files: Record<string, string> = {};
  for (const t of [...found.value].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const text = await readIfExists(join(root, t.file));
    if (text !== undefined) files[t.file] = text;
  }
  return { tracked_files: files };
}

/** Sorted, without repeats: the stages left stale by the run, and its own failed, interrupted or skipped ones. */
function staleStages(input: RecordInput): string[] {
  const names = new Set(input.staleStages ?? []);
  for (const s of input.stages) if (s.outcome === 'failed' || s.outcome === 'interrupted' || s.outcome === 'skipped') names.add(s.name);
  return [...names].sort();
}

async function readUncached(root: string, paths: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const p of paths) {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(root, p));
    } catch {
      continue; // missing, or a directory out: not kept, `exp apply` will say so
    }
    const text = bytes.toString('utf8');
    // only text that survives the JSON round trip byte for byte (metrics, plots), and small
    if (bytes.length <= MAX_UNCACHED_BYTES && Buffer.from(text, 'utf8').equals(bytes)) out[p] = text;
  }
  return out;
}

/** The first string metric named `backend` (top level or nested, e.g. `train.backend`). */
export function findBackend(metrics: Record<string, Flat | null>): string | null {
  for (const flat of Object.values(metrics)) {
    if (!flat) continue;
    for (const [k, v] of Object.entries(flat)) {
      if ((k === 'backend' || k.endsWith('.backend')) && typeof v === 'string') return v;
    }
  }
  return null;
}

async function packageVersion(): Promise<string> {
  // src/experiments and dist/experiments both sit two levels below the package root
  const text = await readIfExists(new URL('../../package.json', import.meta.url).pathname);
  try {
    const v = text ? (JSON.parse(text) as { version?: unknown }).version : undefined;
    return typeof v === 'string' ? v : 'unknown';
  } catch {
    return 'unknown';
  }
}
