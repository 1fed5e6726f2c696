// Which stages a command works on: targets and their upstream (unless --single-item), or with
// --downstream the targets and everything depending on them. Also the pre-run check that every dep exists or is
// produced by some stage.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Failure } from './failure.js';
import { nameMatcher } from './glob-adapter.js';
import { isExternal, isWithin, toRootRelative } from './paths.js';
import { PIPELINE_FILE } from './root.js';
import { readLock, TRACKING_SUFFIX } from './store-adapter.js';
import { closestName } from './suggest.js';
import { qualifiedName, splitStageName, subPipelineDirs } from '../stores/pipeline-files.js';
import { stageOutputs, type Project } from './types.js';

export interface Selection {
  targets?: string[];
  singleItem?: boolean;
  downstream?: boolean;
  /** `--glob`: every target is a glob pattern on stage names (matchStages) */
  glob?: boolean;
  /** the folder a path target is relative to (targetStage); default: the project root */
  cwd?: string;
  /**
   * no target: the stages of one pipeline file, that in `cwd` (the root file where `cwd` holds
   * none), not of every file, as DVC's `dvc repro` without -P/--all-pipelines
   */
  defaultPipeline?: boolean;
}

/**
 * Stage names in dependency order, or failures for unknown targets. A target names a stage, or
 * a foreach stage as written in pipeline.yaml (`train`), which stands for all its copies (`train@*`),
 * or is read by targetStage: `pipeline.yaml:train`, or an output's path (its stage).
 */
export function selectStages(project: Project, sel: Selection): { names: string[]; failures: Failure[] } {
  const known = project.stages.map((s) => s.name);
  const failures: Failure[] = [];
  const targets: string[] = [];
  // a pipeline file named (or the default one): its stages, which may be none
  let fileNamed = false;
  if (sel.defaultPipeline === true && (sel.targets?.length ?? 0) === 0 && known.some((n) => splitStageName(n).dir !== '')) {
    const dir = toRootRelative(project.root, '', sel.cwd ?? project.root);
    const own = dir !== undefined && dir !== '' && known.some((n) => splitStageName(n).dir === dir) ? dir : '';
    targets.push(...known.filter((n) => splitStageName(n).dir === own));
    fileNamed = true;
  }
  if (sel.glob === true && (sel.targets?.length ?? 0) > 0) {
    const matched = matchStages(known, sel.targets ?? [], 'pipeline.yaml');
    failures.push(...matched.misses.map((message): Failure => ({ kind: 'unknown-stage', message })));
    targets.push(...matched.names);
  }
  for (const typed of sel.glob === true ? [] : (sel.targets ?? [])) {
    const whole = fileStages(project, typed, sel.cwd ?? project.root);
    if (whole !== undefined) {
      targets.push(...whole);
      fileNamed = true;
      continue;
    }
    const read = targetStage(project, typed, sel.cwd ?? project.root);
    if (read.failure !== undefined) {
      failures.push({ kind: 'unknown-stage', message: read.failure });
      continue;
    }
    const t = read.stage;
    const named = known.includes(t) ? [t] : known.filter((n) => n.startsWith(`${t}@`));
    if (named.length === 0) {
      const near = closestName(t, [...new Set(known.flatMap((n) => [n, n.split('@')[0] ?? n]))]);
      // a pattern typed without --glob: say what makes it one (stage names cannot hold these)
      const guess = /[*?[\]{}]/.test(t) ? '; to match stage names with a pattern, add --glob' : near !== undefined ? `; did you mean '${near}'?` : (pathHint(project, t, sel.cwd ?? project.root) ?? '');
      failures.push({ kind: 'unknown-stage', message: `no stage named '${t}' in pipeline.yaml (stages: ${stageList(known) || 'none'})${guess}` });
    }
    targets.push(...named);
  }
  if (failures.length > 0 || targets.length === 0) return { names: failures.length > 0 || fileNamed ? [] : project.graph.order, failures };
  const chosen = new Set<string>();
  const walk = (name: string, edges: Map<string, Set<string>>) => {
    for (const next of edges.get(name) ?? []) {
      if (chosen.has(next)) continue;
      chosen.add(next);
      walk(next, edges);
    }
  };
  // --downstream is the targets and what depends on them, not what they depend on (DVC's): the
  // stages upstream are left as they are, as with -s (repro notes those out of date)
  for (const t of targets) {
    chosen.add(t);
    if (!sel.singleItem && !sel.downstream) walk(t, project.graph.upstream);
  }
  if (sel.downstream) for (const t of targets) walk(t, project.graph.downstream);
  return { names: project.graph.order.filter((n) => chosen.has(n)), failures };
}

/**
 * What a target that is not a stage's name stands for, as DVC reads its targets: `pipeline.yaml:train`
 * (the pipeline file, from `cwd`, then a stage: DVC's `dvc.yaml:train`) is `train`; an output's path
 * (from `cwd`), or a path inside an output folder, is the stage that makes it (`pipe repro
 * model/weights.bin` runs the stage writing `model`). `failure`: a `file:stage` naming another
 * file (`dvc.yaml:train`), or a folder that is no output but holds some, said with what to type
 * instead. Otherwise `stage` is the target as typed, for the caller's "no stage named" message.
 * `output`: the output `stage` makes that the path is or lies inside (a command that edits
 * pipeline.yaml names the stage rather than act on a path).
 */
export function targetStage(project: Project, t: string, cwd: string): { stage: string; output?: string; failure?: undefined } | { failure: string; stage?: undefined } {
  const isName = (n: string) => project.stages.some((s) => s.name === n || s.name.startsWith(`${n}@`));
  if (isName(t)) return { stage: t };
  const colon = t.lastIndexOf(':');
  if (colon > 0 && colon < t.length - 1) {
    const file = t.slice(0, colon);
    const name = t.slice(colon + 1);
    if (resolve(cwd, file) === resolve(project.root, PIPELINE_FILE)) return { stage: name };
    const dir = basename(file) === PIPELINE_FILE ? toRootRelative(project.root, '', dirname(resolve(cwd, file))) : undefined;
    if (dir !== undefined && dir !== '' && subPipelineDirs(project.root).includes(dir)) return { stage: qualifiedName(dir, name) };
    // only what looks like a pipeline file: a stage name or path may hold a ':' of its own
    if (/\.ya?ml$/.test(file)) {
      const dvc = basename(file) === 'dvc.yaml' ? `pipe reads stages from ${PIPELINE_FILE}, not DVC's dvc.yaml` : `${file} is not this project's ${PIPELINE_FILE} (${resolve(project.root, PIPELINE_FILE)})`;
      return { failure: `'${t}' names stage '${name}' of ${file}: ${dvc}; write '${name}' alone (or '${PIPELINE_FILE}:${name}')` };
    }
  }
  const rel = toRootRelative(project.root, '', resolve(cwd, t));
  if (rel === undefined || rel === '') return { stage: t };
  const outputs = project.stages.flatMap((s) => stageOutputs(s).map((o) => ({ stage: s.name, path: o.path })));
  const own = outputs.find((o) => o.path === rel) ?? outputs.find((o) => isWithin(rel, o.path));
  if (own !== undefined) return { stage: own.stage, output: own.path };
  const inside = [...new Set(outputs.filter((o) => isWithin(o.path, rel)).map((o) => o.stage))];
  if (inside.length > 0) {
    return { failure: `'${t}' is no stage's output; it holds outputs of ${inside.length === 1 ? 'stage' : 'stages'} ${inside.map((n) => `'${n}'`).join(', ')}: name ${inside.length === 1 ? 'it' : 'them'} (or an output's own path) instead` };
  }
  return { stage: t };
}

/**
 * For a command that edits pipeline.yaml (freeze, unfreeze, remove): why it cannot edit stage
 * `stage` of a pipeline file below the root, and what to do instead; undefined for a root stage.
 */
export function subFileRefusal(stage: string, verb: string): string | undefined {
  const { dir, name } = splitStageName(stage);
  if (dir === '') return undefined;
  return `stage '${stage}' is in ${dir}/${PIPELINE_FILE}: \`pipe ${verb}\` edits only the root ${PIPELINE_FILE} for now; edit stage '${name}' in ${dir}/${PIPELINE_FILE} by hand`;
}

/**
 * The stages of the pipeline file `t` names (from `cwd`; DVC's `dvc repro sub/dvc.yaml`), in
 * pipeline order, or undefined when `t` is no pipeline file of the project.
 */
function fileStages(project: Project, t: string, cwd: string): string[] | undefined {
  const abs = resolve(cwd, t);
  if (basename(abs) !== PIPELINE_FILE) return undefined;
  const dir = toRootRelative(project.root, '', dirname(abs));
  if (dir === undefined || (dir !== '' && !subPipelineDirs(project.root).includes(dir))) return undefined;
  // the root file's stages are all but those of the other files
  return project.stages.map((s) => s.name).filter((n) => splitStageName(n).dir === dir);
}

/**
 * For a target that is neither a stage nor an output, what it is: data `pipe add` tracks, or a
 * path some stage reads (the user may have meant the stage that uses it).
 */
function pathHint(project: Project, t: string, cwd: string): string | undefined {
  const rel = toRootRelative(project.root, '', resolve(cwd, t));
  if (rel === undefined || rel === '') return undefined;
  const tracking = trackingFileOf(project.root, rel.endsWith(TRACKING_SUFFIX) ? rel.slice(0, -TRACKING_SUFFIX.length) : rel);
  if (tracking !== undefined) return `; '${t}' is data \`pipe add\` tracks (${tracking.file}), which no stage makes`;
  const readers = project.stages.filter((s) => s.deps.some((d) => isWithin(rel, d.path))).map((s) => s.name);
  if (readers.length === 0) return undefined;
  return `; '${t}' is no stage's output: no stage makes it (${readers.length === 1 ? 'stage' : 'stages'} ${readers.map((n) => `'${n}'`).join(', ')} ${readers.length === 1 ? 'reads' : 'read'} it)`;
}

/**
 * `--glob`: the stages the patterns match (picomatch, whole name, case-sensitive), in `known`'s
 * order. A pattern is matched against each stage's name (`train@1042`, `sweep@0.001-42`) and
 * against a foreach/matrix stage's name as pipeline.yaml writes it (`train`), which stands for all
 * its copies, as the name does without --glob; never against paths. `misses`: for each pattern
 * that matches nothing, a message naming it and `file`'s stages, with the pattern corrected by a
 * did-you-mean (suggest.ts) when the corrected one matches.
 */
export function matchStages(known: readonly string[], patterns: readonly string[], file: string): { names: string[]; misses: string[] } {
  const chosen = new Set<string>();
  const misses: string[] = [];
  for (const pattern of patterns) {
    const matcher = nameMatcher(pattern);
    if (!matcher.ok) {
      misses.push(`--glob pattern '${pattern}' cannot be used: ${matcher.reason}`);
      continue;
    }
    const hit = known.filter((n) => matcher.matches(n) || matcher.matches(n.split('@')[0] ?? n));
    for (const n of hit) chosen.add(n);
    if (hit.length > 0) continue;
    const near = nearPattern(pattern, known);
    const why = pattern.includes('/') ? '; --glob patterns match stage names, not paths (name a path without --glob)' : '';
    const guess = near === undefined ? '' : `; did you mean '${near}'?`;
    misses.push(`--glob pattern '${pattern}' matches no stage in ${file} (stages: ${stageList([...known]) || 'none'})${why}${guess}`);
  }
  return { names: known.filter((n) => chosen.has(n)), misses };
}

/**
 * A mistyped pattern mended: its literal start (before the first glob character) replaced by the
 * nearest stage name, or foreach/matrix stage's name (`trian@*` → `train@*`), if that then matches.
 */
function nearPattern(pattern: string, known: readonly string[]): string | undefined {
  const literal = /^[^*?[\]{}()!+@|\\]*/.exec(pattern)?.[0] ?? '';
  if (literal === '') return undefined;
  const near = closestName(literal, [...new Set(known.flatMap((n) => [n.split('@')[0] ?? n, n]))]);
  if (near === undefined) return undefined;
  const fixed = `${near}${pattern.slice(literal.length)}`;
  const matcher = nameMatcher(fixed);
  return matcher.ok && known.some((n) => matcher.matches(n) || matcher.matches(n.split('@')[0] ?? n)) ? fixed : undefined;
}

/** Stage names for a message: a foreach stage's copies as `train@{a,b,c}`. */
export function stageList(names: string[]): string {
  const groups = new Map<string, string[]>();
  for (const n of names) {
    const at = n.indexOf('@');
    const head = at < 0 ? n : n.slice(0, at);
    const list = groups.get(head) ?? [];
    if (at >= 0) list.push(n.slice(at + 1));
    groups.set(head, list);
  }
  return [...groups].map(([head, keys]) => (keys.length === 0 ? head : `${head}@{${keys.join(',')}}`)).join(', ');
}

/** A stage that cannot run until tracked data its dep needs is checked out (`pipe status`). */
export interface BlockedStage {
  /** which dep, why, and what restores it */
  message: string;
}

/**
 * Every dep that no stage produces must exist before a repro runs anything (`all`). A missing dep
 * that is tracked data (a `.pipe` file beside it or a folder holding it: a fresh clone before
 * `pipe pull`) is also in `blocked`: `pipe status` and `repro --dry` report the data missing and
 * the stage blocked, not a configuration error (`failures`: the other missing deps). A missing
 * plain dep that pipeline.lock records for the stage (raw input deleted since its last run: a
 * state of the workspace, not a mistake in pipeline.yaml) is in `blocked` and `deleted`, not in
 * `all`: status reports the stage blocked and the others as usual, and repro fails that stage
 * (exit 1) as DVC does, running what does not need it under `-k`.
 */
export function missingDeps(project: Project, names: string[]): { all: Failure[]; failures: Failure[]; blocked: Map<string, BlockedStage>; deleted: Map<string, BlockedStage> } {
  const outputs = project.stages.flatMap((s) => stageOutputs(s).map((o) => o.path));
  const all: Failure[] = [];
  // the missing deps that are not tracked data
  const failures: Failure[] = [];
  const fail = (f: Failure): void => {
    all.push(f);
    failures.push(f);
  };
  const blocked = new Map<string, BlockedStage>();
  const deleted = new Map<string, BlockedStage>();
  // read only once a dep is found missing: a no-op status never parses the lock here
  let recorded: ((stage: string, path: string) => boolean) | undefined;
  for (const stage of project.stages) {
    if (!names.includes(stage.name)) continue;
    for (const dep of stage.deps) {
      if (outputs.some((o) => isWithin(dep.path, o) || isWithin(o, dep.path))) continue;
      // an external dep may be absolute (paths.ts depRelative)
      const abs = resolve(project.root, dep.path);
      if (existsSync(abs)) continue;
      if (dep.param !== undefined) {
        // a path from params.yaml (`${ingest.source}`) is mended there: point at its value
        const where = `${dep.location.file}:${dep.location.line}:${dep.location.col}`;
        const what = dep.written === `\${${dep.param.key}}` ? dep.param.key : `'${dep.written ?? ''}'`;
        fail({
          kind: 'dep-missing',
          message: `${what} is '${dep.path}'${abs === dep.path ? '' : ` (${abs})`}, which does not exist, and no stage produces it: stage '${stage.name}' depends on it (${where}). Set ${dep.param.key} to where that file or folder is, or put it there`,
          location: dep.param.location,
        });
        continue;
      }
      const tracking = trackingFileOf(project.root, dep.path);
      if (tracking !== undefined) {
        const words = `dep '${dep.path}' is tracked data missing from the workspace (${tracking.file} tracks it): \`pipe checkout ${tracking.path}\` restores it (\`pipe pull\` first where the cache lacks it)`;
        if (!blocked.has(stage.name)) blocked.set(stage.name, { message: words });
        all.push({ kind: 'dep-missing', message: `stage '${stage.name}' cannot run: ${words}`, location: dep.location });
        continue;
      }
      recorded ??= lockedDeps(project.root);
      if (recorded(stage.name, dep.path)) {
        const where = `${dep.location.file}:${dep.location.line}:${dep.location.col}`;
        const words = `dep '${dep.path}' is missing (pipeline.lock records it from the stage's last run, and no stage produces it): put it back, or take it out of the stage's deps (${where})`;
        if (!blocked.has(stage.name)) blocked.set(stage.name, { message: words });
        if (!deleted.has(stage.name)) deleted.set(stage.name, { message: words });
        continue;
      }
      fail({
        kind: 'dep-missing',
        message: `dep '${dep.path}' of stage '${stage.name}' does not exist and no stage produces it${meantPath(project.root, dep.path, outputs)}`,
        location: dep.location,
      });
    }
  }
  return { all, failures, blocked, deleted };
}

/**
 * `: did you mean 'train.py'?` for a mistyped dep (`trian.py`): the closest of the files beside
 * where it would be and the stages' outputs, within closestName's few edits; '' when none is.
 * Read only on this failure path (one folder listing).
 */
function meantPath(root: string, path: string, outputs: readonly string[]): string {
  if (isExternal(path)) return '';
  const folder = dirname(path);
  let beside: string[] = [];
  try {
    beside = readdirSync(resolve(root, folder)).map((f) => (folder === '.' ? f : join(folder, f)));
  } catch {
    // the folder is missing too: only the outputs can be meant
  }
  const near = closestName(path, [...new Set([...beside, ...outputs])]);
  return near === undefined ? '' : `: did you mean '${near}'?`;
}

/** Whether pipeline.lock records `path` as a dep of `stage` (a lock that cannot be read: none). */
function lockedDeps(root: string): (stage: string, path: string) => boolean {
  const lock = readLock(root);
  return (stage, path) => lock.ok && (lock.value.stages[stage]?.deps.some((d) => d.path === path) ?? false);
}

/**
 * The tracking file (`pipe add`) of `path` or of a folder holding it, looked up beside each (only
 * on this failure path, so no walk): `data/raw.pipe` for `data/raw/a.txt`.
 */
function trackingFileOf(root: string, path: string): { file: string; path: string } | undefined {
  if (isExternal(path)) return undefined;
  const parts = path.split('/');
  for (let n = parts.length; n > 0; n--) {
    const data = parts.slice(0, n).join('/');
    if (existsSync(resolve(root, `${data}${TRACKING_SUFFIX}`))) return { file: `${data}${TRACKING_SUFFIX}`, path: data };
  }
  return undefined;
}
