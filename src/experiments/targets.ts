// The paths given to `pipe metrics show`, `metrics diff --targets`, `plots show` and `plots diff
// --targets`, in place of the files pipeline.yaml declares. As in DVC, a target need not be
// declared: any JSON/YAML file (CSV/TSV too for plots) is read the same way; a declared one keeps
// its stage and options (a plot's template, axes). A folder stands for the data files inside it.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { toRootRelative } from '../engine/paths.js';
import { closestName } from '../engine/suggest.js';
import type { DeclaredFile } from './declared.js';
import { problem, refuse, success, type ExpFailure, type Outcome } from './failure.js';

/**
 * Targets as typed (relative to `cwd`) → project-relative `/`-separated paths, in order, without
 * repeats; one outside the project is refused, naming it.
 */
export function targetPaths(root: string, cwd: string, typed: string[]): Outcome<string[]> {
  const paths: string[] = [];
  for (const t of typed) {
    const rel = toRootRelative(root, cwd, t);
    if (rel === undefined) return refuse(`target '${t}' is outside the project (${root})`, { exitCode: 2 });
    const path = rel === '' ? '.' : rel;
    if (!paths.includes(path)) paths.push(path);
  }
  return success(paths);
}

/** `path` is `target` or lies inside it (`.` holds everything). */
export function isUnder(path: string, target: string): boolean {
  return target === '.' || path === target || path.startsWith(`${target}/`);
}

/**
 * The entries the targets stand for: a declared entry that is a target or lies inside one; a
 * target inside a declared folder, with that folder's stage and options; any other target as an
 * undeclared entry (no stage, no options), which the reader then finds missing, a file, or a
 * folder of data files.
 */
export function entriesForTargets(declared: DeclaredFile[], targets: string[]): DeclaredFile[] {
  const out: DeclaredFile[] = [];
  const add = (d: DeclaredFile) => {
    if (!out.some((o) => o.path === d.path)) out.push(d);
  };
  for (const t of targets) {
    const inside = declared.filter((d) => isUnder(d.path, t));
    const holder = declared.find((d) => isUnder(t, d.path));
    if (inside.length > 0) inside.forEach(add);
    else if (holder !== undefined) add({ ...holder, path: t });
    else add({ path: t, stage: '', options: {} });
  }
  return out;
}

/** The targets under which `paths` has nothing: those to name as missing. */
export function targetsNotFound(targets: string[], paths: string[]): string[] {
  return targets.filter((t) => !paths.some((p) => isUnder(p, t)));
}

/** The files of a record (path → data) that lie under a target. */
export function keepUnder<T>(files: Record<string, T>, targets: string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(files).filter(([p]) => targets.some((t) => isUnder(p, t))));
}

/**
 * For each target the workspace read gave nothing for (`files`: path → data, null when missing;
 * `broken`: the paths that did not parse, reported on their own), the error naming it (exit 2):
 * declared but not produced yet, a folder without data files, or no such path (with the declared
 * path it may have meant, from `candidates`). `declared`: the entries read for the targets.
 */
export function missingTargets(
  root: string,
  targets: string[],
  files: Record<string, unknown>,
  broken: string[],
  declared: DeclaredFile[],
  candidates: string[],
  kind: 'metrics' | 'plots',
): ExpFailure[] {
  const found = Object.entries(files).filter(([, v]) => v !== null).map(([p]) => p);
  return targetsNotFound(targets, [...found, ...broken]).map((t) => {
    const own = declared.filter((d) => d.stage !== '' && isUnder(d.path, t));
    if (own.length > 0) return problem(`${t}: declared in pipeline.yaml (stage '${own[0]?.stage}') but missing`, { hint: 'run `pipe repro` to produce it', exitCode: 2 });
    const st = statSync(join(root, t), { throwIfNoEntry: false });
    const types = kind === 'metrics' ? '.json, .yaml or .yml' : '.json, .yaml, .yml, .csv or .tsv';
    if (st?.isDirectory()) return problem(`${t}: a folder with no ${types} file in it`, { exitCode: 2 });
    const near = closestName(t, candidates);
    return problem(`${t}: no such file or folder${near === undefined ? '' : `; did you mean '${near}'?`}`, {
      hint: `targets are paths from the current folder; with none, \`pipe ${kind} show\` ${kind === 'metrics' ? 'shows' : 'draws'} the ${kind} files pipeline.yaml declares`,
      exitCode: 2,
    });
  });
}
