// Which files a pipeline declares under `metrics:`, `plots:` and `params:`, read straight from the
// pipeline.yaml text. It reads the text rather than the engine's validated config because the
// same question is asked of pipeline.yaml at old git revisions, which may no longer validate.
import { posix } from 'node:path';
import { isMap, isScalar, LineCounter, parse as parseYaml, parseDocument, visit } from 'yaml';
import { foreachEntries, foreachParam, foreachValue, isForeachRef, type ForeachVars } from '../engine/foreach.js';
import { matrixCombinations } from '../engine/matrix.js';
import { lookupDotted, replaceRefs } from '../engine/params.js';
import { mergeInto } from '../engine/vars.js';
import { success, type Outcome } from './failure.js';
import { yamlSyntaxRefusal } from './files.js';

export interface DeclaredFile {
  /** path relative to the project root, `/`-separated */
  path: string;
  stage: string;
  /** the options map of `{path: {...}}` entries (x, y, template, title, cache...) */
  options: Record<string, unknown>;
}

export interface Declarations {
  metrics: DeclaredFile[];
  plots: DeclaredFile[];
  /**
   * every path a stage writes, as declared (outs, metrics and plots alike, a folder as the
   * folder): what pipe must not write into itself (experiment records, rendered charts)
   */
  outputs: { path: string; stage: string }[];
  /**
   * every dep inside the project, as declared (a folder as the folder): what pipe's charts must not
   * go into either, or the stage would change with every drawing
   */
  deps: { path: string; stage: string }[];
  /** outs, metrics and plots declared with `cache: false`: never in the cache, never restored */
  uncached: string[];
  /**
   * params files the stages read, sorted: `<wdir>/params.yaml` for a plain key (the engine's
   * rule), the file of each `{file: [keys]}` entry. The root params.yaml only when a stage names it.
   */
  paramsFiles: string[];
  /** the files `vars` entries name (DVC's), sorted; also in paramsFiles: stages read their values */
  varsFiles: string[];
}

export function noDeclarations(): Declarations {
  return { metrics: [], plots: [], outputs: [], deps: [], uncached: [], paramsFiles: [], varsFiles: [] };
}

/**
 * `varsData`: the parsed files of `vars` entries by root-relative path (what `varsFiles` names), for
 * the paths that use their values; without it those stay as written.
 */
export function readDeclarations(text: string, params: unknown, file = 'pipeline.yaml', varsData: Record<string, unknown> = {}): Outcome<Declarations> {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    return yamlSyntaxRefusal(file, text, err);
  }
  const stages = isRecord(data) && isRecord(data.stages) ? data.stages : {};
  const out = noDeclarations();
  const paramsFiles = new Set<string>();
  const varsFiles = new Set<string>();
  // params.yaml with the pipeline's vars on top, as the engine resolves `${...}` (it refuses any
  // key defined twice, so the order of merging does not matter)
  const scope = withVars(params, isRecord(data) ? data.vars : undefined, '.', varsData, varsFiles);
  for (const [stage, def, vars] of Object.entries(stages).flatMap(([name, def]) => copiesOf(name, def, scope))) {
    const wdir = typeof def.wdir === 'string' ? interpolate(def.wdir, scope, vars) : '.';
    const values = withVars(scope, def.vars, wdir, varsData, varsFiles);
    for (const kind of ['outs', 'metrics', 'plots'] as const) {
      const list = def[kind];
      if (!Array.isArray(list)) continue;
      for (const entry of list) {
        for (const [raw, options] of entryPaths(entry)) {
          const path = posix.normalize(posix.join(wdir, interpolate(raw, values, vars)));
          if (options.cache === false) out.uncached.push(path);
          out.outputs.push({ path, stage });
          if (kind !== 'outs' && !out[kind].some((d) => d.path === path)) out[kind].push({ path, stage, options });
        }
      }
    }
    for (const raw of Array.isArray(def.deps) ? def.deps : []) {
      if (typeof raw !== 'string') continue;
      const path = posix.normalize(posix.join(wdir, interpolate(raw, values, vars)));
      // outside the project (an external dep) pipe writes nothing
      if (path !== '..' && !path.startsWith('../') && !posix.isAbsolute(path)) out.deps.push({ path, stage });
    }
    for (const file of paramsFilesOf(def.params)) {
      const path = posix.normalize(posix.join(wdir, file));
      // outside the project the engine refuses the pipeline; nothing here to read
      if (path !== '..' && !path.startsWith('../') && !posix.isAbsolute(file)) paramsFiles.add(path);
    }
  }
  for (const f of varsFiles) paramsFiles.add(f);
  out.paramsFiles = [...paramsFiles].sort();
  out.varsFiles = [...varsFiles].sort();
  return success(out);
}

// a key defined twice: the engine refuses the pipeline (`pipe status` says where); here the first stays
const ignore = (): void => undefined;

/**
 * `scope` with the values of DVC `vars` entries added: mappings written in place, and the files
 * named (relative to `wdir`; `file:key1,key2` takes those top-level keys) as `varsData` holds
 * them. Each file named is added to `files`.
 */
function withVars(scope: unknown, entries: unknown, wdir: string, varsData: Record<string, unknown>, files: Set<string>): unknown {
  if (!Array.isArray(entries) || entries.length === 0) return scope;
  const merged: Record<string, unknown> = isRecord(scope) ? structuredClone(scope) : {};
  for (const entry of entries) {
    if (isRecord(entry)) {
      mergeInto(merged, entry, [], ignore);
      continue;
    }
    if (typeof entry !== 'string') continue;
    const colon = entry.indexOf(':');
    const path = posix.normalize(posix.join(wdir, (colon < 0 ? entry : entry.slice(0, colon)).trim()));
    if (path === '..' || path.startsWith('../') || posix.isAbsolute(path)) continue;
    files.add(path);
    const data = varsData[path];
    if (!isRecord(data)) continue;
    const keys = colon < 0 ? [] : entry.slice(colon + 1).split(',').map((k) => k.trim()).filter((k) => k !== '');
    mergeInto(merged, keys.length === 0 ? data : Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]])), [], ignore);
  }
  return merged;
}

/** `params: [key, {other.yaml: [key]}]` → the files it reads, relative to the stage's wdir. */
function paramsFilesOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  // as the engine: a file name is taken as written (no `${...}`), a plain key is params.yaml's
  return list.flatMap((entry) => (typeof entry === 'string' ? ['params.yaml'] : isRecord(entry) ? Object.keys(entry) : []));
}

function entryPaths(entry: unknown): [string, Record<string, unknown>][] {
  if (typeof entry === 'string') return [[entry, {}]];
  if (!isRecord(entry)) return [];
  return Object.entries(entry).map(([p, opts]) => [p, isRecord(opts) ? opts : {}]);
}

/**
 * A stage as [name, definition, foreach variables]: a foreach or matrix stage gives one per item
 * or combination, named as the engine names them.
 */
function copiesOf(name: string, def: unknown, params: unknown): [string, Record<string, unknown>, ForeachVars | undefined][] {
  if (!isRecord(def)) return [];
  if ('foreach' in def) {
    const items = listOf(def.foreach, params);
    const body = def.do;
    if (!isRecord(body) || items === null || typeof items !== 'object') return [];
    return foreachEntries(items).map(([key, item]) => [`${name}@${key}`, body, { key, item }]);
  }
  if (isRecord(def.matrix)) {
    const lists = Object.entries(def.matrix).map(([variable, v]): [string, unknown] => [variable, listOf(v, params)]);
    if (!lists.every((l): l is [string, unknown[]] => Array.isArray(l[1]))) return [];
    return matrixCombinations(lists).map(({ key, item }) => [`${name}@${key}`, def, { key, item }]);
  }
  return [[name, def, undefined]];
}

/** A foreach or matrix list as written, or the params value its `${key}` names. */
function listOf(value: unknown, params: unknown): unknown {
  const key = typeof value === 'string' ? foreachParam(value) : undefined;
  return key === undefined ? value : lookupDotted(params, key).value;
}

/** `${train.lr}` (and a foreach copy's `${item}`) → its value, as the engine does for paths. */
function interpolate(path: string, params: unknown, vars?: ForeachVars): string {
  // read as the engine reads it (params.ts): `${list[0]}` and `${list.0}` too, `\${...}` as `${...}`
  return replaceRefs(path, (key) => {
    const v = vars && isForeachRef(key) ? foreachValue(vars, key) : lookupDotted(params, key);
    return v.found && v.value !== undefined && (typeof v.value !== 'object' || v.value === null) ? String(v.value) : undefined;
  });
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `a` and `b` (project-relative, `/`-separated) are the same path, or one lies inside the other. */
export function pathsOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/** `path` is a declared output or lies inside one (a file written there changes that output). */
export function outputHolding(declared: Declarations, path: string): { path: string; stage: string } | undefined {
  return declared.outputs.find((o) => path === o.path || path.startsWith(`${o.path}/`));
}

/** `path` is a declared dep or lies inside one (a file written there changes that dep). */
export function depHolding(declared: Declarations, path: string): { path: string; stage: string } | undefined {
  return declared.deps.find((d) => path === d.path || path.startsWith(`${d.path}/`));
}

/**
 * `pipeline.yaml:12:21` for the first `key: value` pair of the text with that key and value (a
 * plots entry's `template: smoothy`), or the file name alone when none is found.
 */
export function whereIs(text: string, key: string, value: string, file = 'pipeline.yaml'): string {
  const counter = new LineCounter();
  let offset: number | undefined;
  visit(parseDocument(text, { lineCounter: counter }), {
    Pair(_, pair, path) {
      const parent = path[path.length - 1];
      if (offset !== undefined || !isMap(parent) || !isScalar(pair.key) || !isScalar(pair.value)) return;
      if (pair.key.value === key && pair.value.value === value) offset = pair.value.range?.[0];
    },
  });
  if (offset === undefined) return file;
  const { line, col } = counter.linePos(offset);
  return `${file}:${line}:${col}`;
}
