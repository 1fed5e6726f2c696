// DVC's `vars`: more values for `${...}` beside params.yaml's, listed at the top of pipeline.yaml
// (for every stage) or in a stage (for it alone): a params file (`custom.yaml`), some of its
// top-level keys (`custom.yaml:train,model`), or a mapping written in place. As in DVC, values are
// merged mapping by mapping, and a value defined twice is refused rather than overwritten, so no
// `${key}` ever depends on the order of the list.
import type { Failure, SourceLocation } from './failure.js';
import { DEFAULT_PARAMS_FILE, lookupDotted, refsIn, refStarts, type ParamsFiles } from './params.js';
import { toRootRelative } from './paths.js';
import { closestName } from './suggest.js';
import type { PathSegment, YamlSource } from './yaml-source.js';

type Mapping = Record<string, unknown>;

/** One source of values: params.yaml, a vars file (or some of its keys), or an inline mapping. */
interface VarsLayer {
  /**
   * root-relative params file the values come from: what a stage reading one records under its
   * params in pipeline.lock, as it does for params.yaml (and dvc.lock for vars files); undefined
   * for an inline mapping, whose values are in pipeline.yaml itself (as in DVC, not tracked)
   */
  file?: string;
  /** the source in messages: `params.yaml`, `custom.yaml:train`, `the inline vars at pipeline.yaml:3:5` */
  name: string;
  data: Mapping;
  /** where the value at a key path is written */
  locate(path: readonly string[]): SourceLocation;
}

/** Where vars entries are read, and where their failures go. */
export interface VarsContext {
  root: string;
  source: YamlSource;
  params: ParamsFiles;
  failures: Failure[];
}

/** A value `${key}` stands for, and the params files it comes from (each with its own part of it). */
export type VarsLookup = { found: false } | { found: true; value: unknown; tracked: { file: string; value: unknown }[] };

/**
 * The values visible to `${...}` in one place: params.yaml's, then each vars entry's, merged.
 * Immutable: a stage's own vars make a new scope on top of the pipeline's.
 */
export class VarsScope {
  private constructor(
    private readonly layers: readonly VarsLayer[],
    private readonly merged: Mapping,
  ) {}

  /**
   * The pipeline's scope: params.yaml when it exists (as DVC, always loaded first), then the
   * top-level `vars` entries. Failures are pushed; the entries that failed add nothing.
   */
  static forPipeline(entries: readonly unknown[], ctx: VarsContext): VarsScope {
    const layers: VarsLayer[] = [];
    const merged: Mapping = {};
    const loaded = ctx.params.get(DEFAULT_PARAMS_FILE);
    if (loaded.ok) {
      if (isMapping(loaded.data)) {
        layers.push({ file: DEFAULT_PARAMS_FILE, name: DEFAULT_PARAMS_FILE, data: loaded.data, locate: locator(loaded.source, []) });
        mergeInto(merged, loaded.data, [], () => undefined);
      }
    } else if (loaded.exists) {
      ctx.failures.push(...loaded.failures);
    }
    return new VarsScope(layers, merged).with(entries, ['vars'], '', undefined, ctx);
  }

  /**
   * This scope with `entries` added (`at`: where they are in pipeline.yaml; files relative to
   * `wdir`, root-relative, as DVC reads a stage's vars files from its wdir). `stage` names whose
   * entries they are, for messages.
   */
  with(entries: readonly unknown[], at: PathSegment[], wdir: string, stage: string | undefined, ctx: VarsContext): VarsScope {
    if (entries.length === 0) return this;
    const layers = [...this.layers];
    const merged = structuredClone(this.merged);
    entries.forEach((entry, i) => {
      const path = [...at, i];
      const what = `vars entry ${typeof entry === 'string' ? `'${entry}'` : i + 1}${stage === undefined ? '' : ` of stage '${stage}'`}`;
      const error = (kind: Failure['kind'], message: string) => ctx.failures.push(ctx.source.failureAtPath(kind, message, path));
      // as DVC, vars are values, not templates: a `${...}` in one would reach the shell as written
      const ref = firstRef(entry, []);
      if (ref !== undefined) {
        const inValue = ref.path.length === 0 ? '' : ` (at '${ref.path.join('.')}')`;
        const foreach = /^\s*(item|key)\b/.test(ref.inner) ? `; a foreach stage's \${item} and \${key} can be written in its cmd, deps, outs and params directly` : '';
        const message = `${what}${inValue} holds '\${${ref.inner}}': values in vars are not interpolated (DVC refuses them too); write the value out, or define it in params.yaml${foreach}`;
        ctx.failures.push(ctx.source.failureInValue('vars', message, [...path, ...ref.path], (written) => refStarts(written)[0]));
        return;
      }
      const layer = typeof entry === 'string' ? fileLayer(entry, wdir, what, error, ctx) : isMapping(entry) ? inlineLayer(entry, path, ctx.source) : undefined;
      if (!layer) return;
      let good = true;
      mergeInto(merged, layer.data, [], (keyPath) => {
        const before = layers.find((l) => lookupDotted(l.data, keyPath.join('.')).found);
        // the same file listed twice (or once whole, once some keys): the same values, nothing to refuse
        if (before === undefined || (before.file !== undefined && before.file === layer.file)) return;
        const key = keyPath.join('.');
        const here = layer.locate(keyPath);
        const there = before.locate(keyPath);
        const take = layer.file === undefined ? '' : `, or take only the keys you need ('${entry as string}:key1,key2')`;
        error('vars', `${what} defines '${key}' (${here.file}:${here.line}:${here.col}), already defined in ${before.name} (${there.file}:${there.line}:${there.col}): pipe, as DVC, never overwrites a value; rename it in one of them${take}`);
        good = false;
      });
      if (good) layers.push(layer);
    });
    return new VarsScope(layers, merged);
  }

  lookup(key: string): VarsLookup {
    const v = lookupDotted(this.merged, key);
    if (!v.found) return { found: false };
    const tracked: { file: string; value: unknown }[] = [];
    for (const layer of this.layers) {
      if (layer.file === undefined) continue;
      // a mapping merged from several files: each records the part it holds
      const own = lookupDotted(layer.data, key);
      if (own.found) tracked.push({ file: layer.file, value: own.value });
    }
    return { found: true, value: v.value, tracked };
  }

  /** Where the value of `key` is written (its first source), for messages. */
  locationOf(key: string): SourceLocation | undefined {
    const layer = this.layers.find((l) => lookupDotted(l.data, key).found);
    return layer?.locate(key.split('.'));
  }

  /** The file `key` comes from (undefined: from an inline mapping, or nowhere). */
  fileOf(key: string): string | undefined {
    return this.layers.find((l) => lookupDotted(l.data, key).found)?.file;
  }

  /** Where a key found nowhere was looked for: `in none of params.yaml, custom.yaml, the inline vars at pipeline.yaml:3:5`. */
  notInText(): string {
    // a file once, whichever of its keys were taken; mappings written in pipeline.yaml by where they are
    const names = [...new Set(this.layers.map((l) => l.file ?? l.name))];
    if (names.length === 0) return `not in ${DEFAULT_PARAMS_FILE} (there is none) nor in any vars`;
    return names.length === 1 ? `not in ${names[0]}` : `in none of ${names.join(', ')}`;
  }

  /** For a key found nowhere: one spelled almost the same, and where it is. */
  nearKey(key: string): string {
    const segments = key.split('.');
    const last = segments.pop() ?? '';
    const section = segments.length === 0 ? this.merged : lookupDotted(this.merged, segments.join('.')).value;
    if (!isMapping(section)) return '';
    const near = closestName(last, Object.keys(section));
    if (near === undefined) return '';
    const nearKey = [...segments, near].join('.');
    const at = this.locationOf(nearKey);
    return at === undefined ? '' : `; ${at.file}:${at.line}:${at.col} has '${nearKey}': is one of the two mistyped?`;
  }
}

/** A vars file entry (`custom.yaml`, `custom.yaml:train,model`) as a layer, or undefined with a failure pushed. */
function fileLayer(entry: string, wdir: string, what: string, error: (kind: Failure['kind'], message: string) => void, ctx: VarsContext): VarsLayer | undefined {
  // as DVC: the path, then after the first ':' the top-level keys to take (none: all of them)
  const colon = entry.indexOf(':');
  const written = (colon < 0 ? entry : entry.slice(0, colon)).trim();
  const keys = colon < 0 ? [] : entry.slice(colon + 1).split(',').map((k) => k.trim()).filter((k) => k !== '');
  if (written === '') {
    error('vars', `${what} names no file: write a params file's path (custom.yaml), or a mapping of values`);
    return undefined;
  }
  const file = toRootRelative(ctx.root, wdir, written);
  if (file === undefined || file === '') {
    error('outside-root', `${what}: '${written}' ${file === undefined ? 'resolves outside the project root' : 'is the project root itself'}; name a params file inside the project`);
    return undefined;
  }
  const loaded = ctx.params.get(file);
  if (!loaded.ok) {
    if (loaded.format !== undefined) {
      error('params-file', `vars file '${file}' is ${loaded.format}: pipe reads YAML and JSON params files only (DVC also reads TOML and Python ones); write it as YAML`);
    } else if (loaded.exists) {
      ctx.failures.push(...loaded.failures);
    } else {
      error('params-file', `vars file '${file}' does not exist`);
    }
    return undefined;
  }
  const data = loaded.data;
  if (!isMapping(data)) {
    error('params-file', `vars file '${file}' must hold a mapping of keys to values, not ${Array.isArray(data) ? 'a list' : JSON.stringify(data)}`);
    return undefined;
  }
  const locate = locator(loaded.source, []);
  if (keys.length === 0) return { file, name: file, data, locate };
  const picked: Mapping = {};
  let good = true;
  for (const key of keys) {
    if (key in data) {
      picked[key] = data[key];
      continue;
    }
    const near = closestName(key, Object.keys(data));
    error('param-missing', `${what} takes '${key}', which is not a top-level key of ${file}${near === undefined ? '' : `: did you mean '${near}'?`}`);
    good = false;
  }
  return good ? { file, name: `${file}:${keys.join(',')}`, data: picked, locate } : undefined;
}

/** The first string in a vars entry holding a `${...}` (an escaped `\\${` aside): what it names, and its path in the entry. */
function firstRef(value: unknown, path: PathSegment[]): { inner: string; path: PathSegment[] } | undefined {
  if (typeof value === 'string') {
    const ref = refsIn(value)[0];
    return ref === undefined ? undefined : { inner: ref.inner, path };
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = firstRef(v, [...path, i]);
      if (found) return found;
    }
  } else if (isMapping(value)) {
    for (const [k, v] of Object.entries(value)) {
      const found = firstRef(v, [...path, k]);
      if (found) return found;
    }
  }
  return undefined;
}

function inlineLayer(data: Mapping, path: PathSegment[], source: YamlSource): VarsLayer {
  const at = source.locationOf(path);
  return { name: `the inline vars at ${at.file}:${at.line}:${at.col}`, data, locate: locator(source, path) };
}

/** Locations of keys inside the mapping at `base` in `source`. */
function locator(source: YamlSource, base: PathSegment[]): (path: readonly string[]) => SourceLocation {
  return (path) => source.locationOf([...base, ...path.slice(0, -1)], path[path.length - 1]);
}

/**
 * Adds `add` into `into`, mapping by mapping (as DVC: `{grp: {a: 1}}` and `{grp: {b: 2}}` make
 * `{grp: {a: 1, b: 2}}`); a key both hold where either value is not a mapping is a conflict,
 * left as it was. `into` never shares a mapping with `add`, so later merges leave `add` alone.
 */
export function mergeInto(into: Mapping, add: Mapping, path: string[], conflict: (path: string[]) => void): void {
  for (const [k, v] of Object.entries(add)) {
    const here = [...path, k];
    const current = into[k];
    if (!(k in into)) into[k] = isMapping(v) ? structuredClone(v) : v;
    else if (isMapping(current) && isMapping(v)) mergeInto(current, v, here, conflict);
    else conflict(here);
  }
}

export function isMapping(v: unknown): v is Mapping {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
