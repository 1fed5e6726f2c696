// Data that `pipe add` tracks: the `<path>.pipe` files in the project (src/stores/tracking-file.ts),
// found by walking the project, read with typed failures, and checked against the stages (a
// tracked path may not be, hold or lie inside a declared output: both would own it).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import type { Failure } from './failure.js';
import { ignoredTracked } from './ignored-paths.js';
import { isWithin, toRootRelative } from './paths.js';
import { PIPELINE_FILE } from './root.js';
import { targetStage } from './select.js';
import { isOwnProject } from '../stores/pipeline-files.js';
import { parseTrackingFile, TRACKING_SUFFIX, YamlValueCache, type LockEntry, type TrackingSource, type TrackingTransfer } from './store-adapter.js';
import { stageOutputs, type OutputSpec, type Project } from './types.js';

export interface Tracked {
  /** root-relative path of the tracking file, `data/raw.pipe` */
  file: string;
  /** root-relative path of the data it tracks, `data/raw` */
  path: string;
  /** the entry as the file records it (its `path` relative to the file's folder) */
  entry: LockEntry;
  /** where `pipe import-url` fetched it from; absent for `pipe add`ed data */
  source?: TrackingSource;
  /** `push: false` / `remote: NAME` written on its entry (src/remote/out-routes.ts) */
  transfer?: TrackingTransfer;
}

/** Folders never searched: git's, packages, pipe's own cache and state. `cache` only at the root. */
const SKIP_ANYWHERE = new Set(['.git', 'node_modules', '.pipe']);
const SKIP_AT_ROOT = new Set(['cache']);

/**
 * Whether the walk below searches the folder that root-relative `file` lies in, judged by folder
 * names alone (nested projects and declared outputs are the caller's to leave out): for reading
 * the tracking files of a git revision (`pipe diff`) as the walk reads the workspace's.
 */
export function inSearchedFolder(file: string): boolean {
  const folders = file.split('/').slice(0, -1);
  return !folders.some((name, i) => SKIP_ANYWHERE.has(name) || (i === 0 && SKIP_AT_ROOT.has(name)));
}

/**
 * Root-relative paths of every tracking file in the project, sorted. Declared outputs are not
 * searched: a stage removes and rewrites them, so they cannot hold a tracking file (one put there
 * by hand is refused when the stage is about to run: tracked-in-outs.ts); nor are nested
 * projects (folders holding a pipeline.yaml). `from`: only the folder of that root-relative path.
 */
export function findTrackingFiles(root: string, outputs: ReadonlySet<string>, from = ''): string[] {
  const found: string[] = [];
  const walk = (rel: string): void => {
    let entries;
    try {
      entries = readdirSync(rel === '' ? root : join(root, rel), { withFileTypes: true });
    } catch {
      return; // removed meanwhile, or unreadable: it holds nothing pipe can read
    }
    // a folder with its own pipeline.yaml is a project of its own (`pipe init` there): its
    // tracking files are its, as git stops at a nested repository and DVC at a sub-repo
    if (rel !== '' && entries.some((e) => e.name === PIPELINE_FILE && !e.isDirectory()) && isOwnProject(join(root, rel))) return;
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (SKIP_ANYWHERE.has(e.name) || (rel === '' && SKIP_AT_ROOT.has(e.name)) || outputs.has(child)) continue;
        walk(child);
      } else if (e.isFile() && e.name.endsWith(TRACKING_SUFFIX) && e.name !== TRACKING_SUFFIX) {
        found.push(child);
      }
    }
  };
  walk(from);
  return found.sort();
}

/**
 * The nested project `rel` is or lies in: the outermost folder below the root, on the way to
 * `rel`, that holds its own pipeline.yaml (root-relative), or undefined.
 */
export function nestedProjectOf(root: string, rel: string): string | undefined {
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    if (existsSync(join(root, dir, PIPELINE_FILE)) && isOwnProject(join(root, dir))) return dir;
  }
  return undefined;
}

/** Every declared output of the project, with its stage, for the overlap checks. */
export function declaredOutputs(project: Project): { stage: string; out: OutputSpec }[] {
  return project.stages.flatMap((s) => stageOutputs(s).map((out) => ({ stage: s.name, out })));
}

/** The output that `path` is, lies inside or holds, if any. */
export function overlappingOutput(project: Project, path: string): { stage: string; out: OutputSpec } | undefined {
  return declaredOutputs(project).find(({ out }) => isWithin(path, out.path) || isWithin(out.path, path));
}

/** Reads every tracking file of the project; any malformed one, or one tracking an output, fails. */
export function loadTracked(project: Project): { ok: true; value: Tracked[] } | { ok: false; failures: Failure[] } {
  const outputs = declaredOutputs(project);
  const read = readTrackingFiles(project.root, new Set(outputs.map((o) => o.out.path)));
  if (!read.ok) return read;
  const failures: Failure[] = [];
  for (const t of read.value) {
    const owner = overlappingOutput(project, t.path);
    if (!owner) continue;
    failures.push({
      kind: 'tracking-file',
      message: `${t.file} tracks '${t.path}', which ${overlapWords(t.path, owner.out.path)} output '${owner.out.path}' of stage '${owner.stage}' (${owner.out.location.file}:${owner.out.location.line}:${owner.out.location.col}); a path is either added data or a stage's output: delete ${t.file}, or take the output out of pipeline.yaml (\`pipe remove ${owner.stage.split('@')[0] ?? owner.stage}\` removes the stage)`,
      location: { file: t.file, line: 1, col: 1 },
    });
  }
  failures.push(...ignoredTracked(project.root, read.value));
  return failures.length > 0 ? { ok: false, failures } : read;
}

/**
 * Reads the tracking files found outside `outputs` (root-relative folders not searched), without
 * the checks against the stages: for `pipe push/pull`, which work without a valid pipeline.yaml.
 */
export function readTrackingFiles(root: string, outputs: ReadonlySet<string>, from = ''): { ok: true; value: Tracked[] } | { ok: false; failures: Failure[] } {
  const cache = YamlValueCache.forProject(root);
  const tracked: Tracked[] = [];
  const failures: Failure[] = [];
  for (const file of findTrackingFiles(root, outputs, from)) {
    const one = readTrackingFile(root, file, cache);
    if ('kind' in one) {
      failures.push(one);
      continue;
    }
    const { path } = one;
    // two files tracking one path (a copy made by hand) would take turns: each checkout puts back
    // the other's version, and each add updates only one of them
    const other = tracked.find((t) => isWithin(path, t.path) || isWithin(t.path, path));
    if (other) {
      const words = other.path === path ? `'${path}' too` : `'${path}', which ${isWithin(path, other.path) ? 'lies inside' : 'holds'} '${other.path}'`;
      failures.push({ kind: 'tracking-file', message: `${file} tracks ${words}; ${other.file} already tracks ${other.path === path ? 'it' : `'${other.path}'`}: delete one of the two files`, location: { file, line: 1, col: 1 } });
      continue;
    }
    tracked.push(one);
  }
  return failures.length > 0 ? { ok: false, failures } : { ok: true, value: tracked };
}

/** Reads the tracking file `file` (root-relative): what it tracks, or why it cannot be read. */
export function readTrackingFile(root: string, file: string, cache: YamlValueCache = YamlValueCache.forProject(root)): Tracked | Failure {
  let text: string;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch (err) {
    return { kind: 'tracking-file', message: `cannot read ${file}: ${(err as Error).message}`, location: { file, line: 1, col: 1 } };
  }
  const parsed = parseTrackingFile(text, file, cache);
  if (!parsed.ok) {
    const f = parsed.failure;
    const failure: Failure = { kind: 'tracking-file', message: `${f.message.replace(/^[^:]+:\d+:\d+: /, '')}${f.hint ? ` (${f.hint})` : ''}` };
    if (f.location?.line !== undefined) failure.location = { file, line: f.location.line, col: f.location.col ?? 1 };
    return failure;
  }
  const entry = parsed.value.out;
  const dir = posix.dirname(file);
  const path = dir === '.' ? entry.path : `${dir}/${entry.path}`;
  const t: Tracked = { file, path, entry };
  if (parsed.value.source !== undefined) t.source = parsed.value.source;
  if (parsed.value.transfer !== undefined) t.transfer = parsed.value.transfer;
  return t;
}

/** `is`, `lies inside` or `holds`: how `path` overlaps the output `out`. */
export function overlapWords(path: string, out: string): string {
  if (path === out) return 'is';
  return isWithin(path, out) ? 'lies inside' : 'holds';
}

/**
 * Which targets name stages and which tracked data (its path or its tracking file's, from `cwd`).
 * A stage name wins over a path spelled the same. `glob` (`--glob`): every target is a pattern on
 * stage names, matched where the stages are selected (select.ts matchStages; for push, pull and
 * status -c, against pipeline.lock's stages), so none is a path and no tracked data is named.
 */
export function splitTargets(project: Project, known: Tracked[], targets: string[], cwd: string, glob = false): { stageTargets: string[]; tracked: Tracked[] } {
  if (targets.length === 0) return { stageTargets: [], tracked: known };
  if (glob) return { stageTargets: [...targets], tracked: [] };
  const stageTargets: string[] = [];
  const tracked: Tracked[] = [];
  const isStage = (t: string) => project.stages.some((s) => s.name === t || s.name.startsWith(`${t}@`));
  for (const t of targets) {
    const rel = isStage(t) ? undefined : toRootRelative(project.root, '', resolve(cwd, t));
    const hit = rel === undefined ? undefined : known.find((k) => k.path === rel || k.file === rel);
    if (hit !== undefined) {
      if (!tracked.includes(hit)) tracked.push(hit);
      continue;
    }
    // an output's path, or a path inside an output folder, stands for its stage (`pipe pull
    // data/model`, as DVC takes paths), and `pipeline.yaml:train` for train, read from `cwd` here;
    // what it cannot read is left as typed, for selectStages to say what is wrong with it
    stageTargets.push(targetStage(project, t, cwd).stage ?? t);
  }
  return { stageTargets, tracked };
}
