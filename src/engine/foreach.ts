// DVC's `foreach`/`do`: one stage written once, repeated for each item of a list or mapping.
// Each copy is a stage of its own, named `<stage>@<key>`, with its own lock entry, cache and
// run-cache: adding an item runs only the new copy, and editing one item reruns only its copy.
import type { Failure } from './failure.js';
import { DEFAULT_PARAMS_FILE, interpolatedKeys, lookupDotted, type ParamsFiles } from './params.js';
import type { PathSegment, YamlSource } from './yaml-source.js';

/** What `${item}`, `${item.field}` and `${key}` stand for inside one copy of `do`. */
export interface ForeachVars {
  item: unknown;
  key: string;
}

export interface ForeachCopy {
  name: string;
  vars: ForeachVars;
}

// item keys become part of a stage name and of `pipe repro <stage>@<key>` on a command line
const KEY = /^[A-Za-z0-9_.-]+$/;

/**
 * The copies of foreach stage `name`: a list of plain values gives `name@<value>`, a list of
 * mappings or lists `name@<position from 0>`, a mapping `name@<its key>`. `foreach` may also be
 * `${key}` naming such a list or mapping in params.yaml. Failures are pushed and yield no copies.
 */
export function foreachCopies(
  name: string,
  foreach: unknown,
  source: YamlSource,
  params: ParamsFiles,
  failures: Failure[],
): ForeachCopy[] {
  const at = ['stages', name, 'foreach'];
  const error = (message: string, path: readonly PathSegment[] = at) => {
    failures.push(source.failureAtPath('foreach', message, path));
    return [];
  };
  let items = foreach;
  let itemPath: (i: PathSegment) => PathSegment[] = (i) => [...at, i];
  if (typeof foreach === 'string') {
    const key = foreachParam(foreach);
    if (key === undefined) {
      return error(`foreach of stage '${name}' must be a list, a mapping, or '\${key}' naming one in ${DEFAULT_PARAMS_FILE}; not the text ${JSON.stringify(foreach)}`);
    }
    const loaded = params.get(DEFAULT_PARAMS_FILE);
    if (!loaded.ok) {
      if (loaded.exists) failures.push(...loaded.failures);
      else error(`foreach of stage '${name}' names param '${key}', but ${DEFAULT_PARAMS_FILE} does not exist`);
      return [];
    }
    const v = lookupDotted(loaded.data, key);
    if (!v.found) return error(`foreach of stage '${name}' names param '${key}', which is not in ${DEFAULT_PARAMS_FILE}`);
    if (v.value === null || typeof v.value !== 'object') {
      return error(`foreach of stage '${name}' names param '${key}', which is ${JSON.stringify(v.value)} in ${DEFAULT_PARAMS_FILE}; it must be a list or a mapping`);
    }
    items = v.value;
    // an item's own position is in params.yaml, which failures here cannot point into
    itemPath = () => at;
  }

  const entries = foreachEntries(items as object);
  if (entries.length === 0) return error(`foreach of stage '${name}' is empty: list at least one item`);

  const copies: ForeachCopy[] = [];
  const seen = new Set<string>();
  const before = failures.length;
  for (const [key, item, pos] of entries) {
    if (!KEY.test(key)) {
      error(`item ${JSON.stringify(key)} of foreach in stage '${name}' cannot name a stage: use letters, digits, '_', '-' and '.' (items that are mappings are named by position instead)`, itemPath(pos));
    } else if (seen.has(key)) {
      error(`item '${key}' appears twice in the foreach of stage '${name}': each item names one stage, '${name}@${key}'`, itemPath(pos));
    }
    seen.add(key);
    copies.push({ name: `${name}@${key}`, vars: { item, key } });
  }
  return failures.length > before ? [] : copies;
}

/** The params.yaml key of a `foreach: ${key}`, or undefined when the text is anything else. */
export function foreachParam(text: string): string | undefined {
  const keys = interpolatedKeys(text);
  const key = keys[0];
  return keys.length === 1 && key !== undefined && text.trim() === `\${${key}}` ? key : undefined;
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
