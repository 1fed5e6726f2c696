// DVC's `foreach`/`do`: one stage written once, repeated for each item of a list or mapping.
// Each copy is a stage of its own, named `<stage>@<key>`, with its own lock entry, cache and
// run-cache: adding an item runs only the new copy, and editing one item reruns only its copy.
import type { Failure } from './failure.js';
import { DEFAULT_PARAMS_FILE, interpolatedKeys, lookupDotted, refStarts, type ParamsFiles } from './params.js';
import type { PathSegment, YamlSource } from './yaml-source.js';
import type { VarsScope } from './vars.js';

/** What `${item}`, `${item.field}` and `${key}` stand for inside one copy of `do`. */
export interface ForeachVars {
  item: unknown;
  key: string;
}

export interface StageCopy {
  name: string;
  vars: ForeachVars;
}

// item keys become part of a stage name and of `pipe repro <stage>@<key>` on a command line
const KEY = /^[A-Za-z0-9_.-]+$/;
export const KEY_RULE = "use ASCII letters (a-z, A-Z), digits, '_', '-' and '.' (items that are mappings or lists are named by position instead)";

/** Where a foreach or matrix stage is being expanded, and where its failures go. */
export interface CopyContext {
  source: YamlSource;
  params: ParamsFiles;
  failures: Failure[];
  /** params.yaml and the pipeline's vars, when it has vars: where a `${key}` list is looked up */
  scope?: VarsScope;
}

/**
 * The copies of foreach stage `name`: a list of plain values gives `name@<value>`, a list of
 * mappings or lists `name@<position from 0>`, a mapping `name@<its key>`. `foreach` may also be
 * `${key}` naming such a list or mapping in params.yaml. Failures are pushed and yield no copies.
 */
export function foreachCopies(name: string, foreach: unknown, ctx: CopyContext): StageCopy[] {
  const at = ['stages', name, 'foreach'];
  const what = `foreach of stage '${name}'`;
  const list = itemsOf(what, foreach, at, 'a list or a mapping', ctx);
  if (!list) return [];
  const before = ctx.failures.length;
  const seen = new Set<string>();
  const copies = foreachEntries(list.items).map(([key, item, pos]) => {
    checkKey(`item ${JSON.stringify(key)} of the ${what}`, key, seen, name, list.itemPath(pos), ctx);
    return { name: `${name}@${key}`, vars: { item, key } };
  });
  return ctx.failures.length > before ? [] : copies;
}

/**
 * The list or mapping `value` stands for: itself, or the params.yaml value it names as `${key}`.
 * Undefined (with a failure pushed) when it is neither, or empty. `itemPath` locates an item in
 * pipeline.yaml (for items from params.yaml, the reference itself).
 */
export function itemsOf(
  what: string,
  value: unknown,
  at: PathSegment[],
  expected: 'a list' | 'a list or a mapping',
  ctx: CopyContext,
): { items: object; itemPath: (pos: PathSegment) => PathSegment[] } | undefined {
  const error = (message: string) => {
    ctx.failures.push(ctx.source.failureAtPath('foreach', message, at));
    return undefined;
  };
  const fits = (v: unknown): v is object => Array.isArray(v) || (expected !== 'a list' && v !== null && typeof v === 'object');
  const checked = (items: object, itemPath: (pos: PathSegment) => PathSegment[]) =>
    Object.keys(items).length === 0 ? error(`${what} is empty: list at least one item`) : { items, itemPath };
  if (typeof value !== 'string') {
    return fits(value) ? checked(value, (pos) => [...at, pos]) : error(`${what} must be ${expected}, or '\${key}' naming one in ${DEFAULT_PARAMS_FILE}`);
  }
  const key = foreachParam(value);
  if (key === undefined) return error(`${what} must be ${expected}, or '\${key}' naming one in ${DEFAULT_PARAMS_FILE}; not the text ${JSON.stringify(value)}`);
  // what is wrong now is the key: point at its `${` rather than at a quote before it
  const keyError = (message: string) => {
    ctx.failures.push(ctx.source.failureInValue('foreach', message, at, (written) => {
      const starts = refStarts(written);
      return starts.length === 1 ? starts[0] : undefined;
    }));
    return undefined;
  };
  if (ctx.scope) {
    const v = ctx.scope.lookup(key);
    if (!v.found) return keyError(`${what} names param '${key}', which is ${ctx.scope.notInText()}${ctx.scope.nearKey(key)}`);
    if (!fits(v.value)) return keyError(`${what} names param '${key}', which is ${JSON.stringify(v.value)} in ${ctx.scope.fileOf(key) ?? 'the vars'}; it must be ${expected}`);
    return checked(v.value, () => at);
  }
  const loaded = ctx.params.get(DEFAULT_PARAMS_FILE);
  if (!loaded.ok) {
    if (loaded.exists) ctx.failures.push(...loaded.failures);
    else keyError(`${what} names param '${key}', but ${DEFAULT_PARAMS_FILE} does not exist`);
    return undefined;
  }
  const v = lookupDotted(loaded.data, key);
  if (!v.found) return keyError(`${what} names param '${key}', which is not in ${DEFAULT_PARAMS_FILE}`);
  if (!fits(v.value)) return keyError(`${what} names param '${key}', which is ${JSON.stringify(v.value)} in ${DEFAULT_PARAMS_FILE}; it must be ${expected}`);
  // an item's own position is in params.yaml, which failures here cannot point into
  return checked(v.value, () => at);
}

export function isStageKey(key: string): boolean {
  return KEY.test(key);
}

/** A failure when `key` cannot be part of a stage name, or names a copy already made. */
function checkKey(what: string, key: string, seen: Set<string>, stage: string, path: PathSegment[], ctx: CopyContext): void {
  if (!isStageKey(key)) {
    // a path (`data/a.csv`) is the usual such item: a mapping names each copy and keeps the path
    const name = (key.split('/').pop() ?? '').replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_.-]/g, '_') || 'a';
    const hint = key.includes('/') ? `; for paths, give a mapping instead (\`foreach: {${name}: ${key}}\`, then \${item} is the path and \${key} the name)` : '';
    ctx.failures.push(ctx.source.failureAtPath('foreach', `${what} cannot name a stage: ${KEY_RULE}${hint}`, path));
  } else if (seen.has(key)) {
    ctx.failures.push(ctx.source.failureAtPath('foreach', `${what} gives stage '${stage}@${key}' a second time: each copy needs a name of its own`, path));
  }
  seen.add(key);
}

/** The params.yaml key of a `foreach: ${key}`, or undefined when the text is anything else. */
export function foreachParam(text: string): string | undefined {
  const keys = interpolatedKeys(text);
  return keys.length === 1 && text.replace(/\$\{[^}]*\}/, '').trim() === '' ? keys[0] : undefined;
}

/**
 * [key, item, position] of each item of a foreach list or mapping: a plain value is its own key,
 * a mapping or list in a list is keyed by its position, a mapping's values by their keys.
 */
export function foreachEntries(items: object): [string, unknown, PathSegment][] {
  if (Array.isArray(items)) {
    return items.map((item: unknown, i) => [item !== null && typeof item === 'object' ? String(i) : String(item), item, i]);
  }
  return Object.entries(items).map(([k, item]) => [k, item, k]);
}

/** Whether `${ref}` refers to the foreach variables rather than to params.yaml. */
export function isForeachRef(ref: string): boolean {
  return ref === 'key' || ref === 'item' || ref.startsWith('item.');
}

/** The value of `${ref}` in this copy (`found: false` for a missing `item.field`). */
export function foreachValue(vars: ForeachVars, ref: string): { found: boolean; value?: unknown } {
  if (ref === 'key') return { found: true, value: vars.key };
  if (ref === 'item') return { found: true, value: vars.item };
  return lookupDotted(vars.item, ref.slice('item.'.length));
}
