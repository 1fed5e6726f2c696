// The validated pipeline: what pipeline.yaml + params.yaml say, resolved and located.
// Paths are project-root-relative, POSIX-separated, normalised (no `./`, no trailing `/`).
import type { SourceLocation } from './failure.js';

export type OutputKind = 'out' | 'metric' | 'plot';

export interface OutputSpec {
  path: string;
  kind: OutputKind;
  /**
   * false (DVC's `cache: false`, for small files committed to git, e.g. metrics): the stage
   * does not need cache/ to keep it. As in DVC, a copy still goes to cache/ when the stage uses
   * the run-cache, so a run-cache hit can bring back every out.
   */
  cache: boolean;
  /** true: not removed before cmd runs */
  persist: boolean;
  /**
   * DVC's `push: false`: `pipe push` leaves its objects off the remote (pull, fetch and status -c
   * still look for them there). A transfer setting, in no fingerprint nor lock entry.
   */
  push?: false;
  /** DVC's per-output `remote:`: the name from `remotes:` its objects go to and come from, and where it is written */
  remote?: { name: string; location: SourceLocation };
  /** everything else written in the entry's options (plot rendering options, for `pipe plots`) */
  options: Record<string, unknown>;
  location: SourceLocation;
}

export interface DepSpec {
  path: string;
  location: SourceLocation;
  /** the dep as pipeline.yaml writes it, when that is not its path (`${ingest.source}`) */
  written?: string;
  /** the first params.yaml key `written` uses, and where its value is: what to mend when the dep is missing */
  param?: { key: string; location: SourceLocation };
}

/** params file (root-relative) → dotted key → value, as read from that file */
export type ParamValues = Record<string, Record<string, unknown>>;

export interface StageSpec {
  name: string;
  /** one or more shell commands, run in order by /bin/sh -c; `${...}` already substituted */
  cmd: string[];
  /** root-relative working directory of cmd; '' is the project root */
  wdir: string;
  deps: DepSpec[];
  params: ParamValues;
  outs: OutputSpec[];
  metrics: OutputSpec[];
  plots: OutputSpec[];
  frozen: boolean;
  alwaysChanged: boolean;
  desc?: string;
  location: SourceLocation;
  /**
   * the params files its `params:` entries name (root-relative), each at its entry: also those
   * missing that a stage makes (then not in `params`). A params file another stage makes is an
   * edge of the graph, as a dep is (DVC's params are deps): made-params.ts
   */
  paramsFiles?: { path: string; location: SourceLocation }[];
}

export interface Project {
  /** absolute path of the folder holding pipeline.yaml */
  root: string;
  /** stages in pipeline.yaml order */
  stages: StageSpec[];
  graph: StageGraph;
  /** for the user, not failures: keys of params files that look like typos of read ones (unread-params.ts) */
  notes?: string[];
}

export interface StageGraph {
  /** stage names in a dependency order (upstream first; ties in pipeline.yaml order) */
  order: string[];
  /** stage → the stages producing its deps */
  upstream: Map<string, Set<string>>;
  /** stage → the stages depending on its outputs */
  downstream: Map<string, Set<string>>;
}

/** outs, metrics and plots of a stage: everything it produces */
export function stageOutputs(stage: StageSpec): OutputSpec[] {
  return [...stage.outs, ...stage.metrics, ...stage.plots];
}

/** the cmd as one text, the form pipeline.lock records and compares */
export function cmdText(stage: StageSpec): string {
  return stage.cmd.join('\n');
}

/**
 * Whether runs of the stage go to (and come from) the run-cache: only when its result depends on
 * the inputs alone (not on earlier contents of a persist out, nor on the outside world for
 * always_changed).
 */
export function usesRunCache(stage: StageSpec): boolean {
  const outs = stageOutputs(stage);
  return outs.length > 0 && outs.every((o) => !o.persist) && !stage.alwaysChanged;
}
