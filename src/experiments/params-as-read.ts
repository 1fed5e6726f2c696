// The params an experiment record holds are those its stages read, not the params files as they
// are when the run ends: a file edited while a long stage ran would otherwise credit the run with
// values it never used. pipeline.lock holds, for each stage that ran, was restored or was up to
// date, the values the engine read when the run started (it loads the params files once); a key
// the files no longer hold so is put back to that value in the record's copy, and named.
import { parseLock } from '../stores/lockfile.js';
import { lookupDotted } from '../engine/params.js';
import { sameValue } from './diff.js';
import { PARAMS_FILE } from './workspace.js';

/** A params key whose value in its file changed while the run went on. */
export interface ParamChange {
  /** root-relative params file */
  file: string;
  /** dotted key, as the stage lists it (`train.lr`, or `train` for the whole mapping) */
  key: string;
  /** the value the stages read (pipeline.lock's); undefined when the key was added since */
  read: unknown;
  /** the file's value when the run ended; undefined when the key (or the file) is gone */
  now: unknown;
}

export interface ParamsAsRead {
  params: unknown;
  otherParams: Record<string, unknown>;
  /** sorted by file, then key; empty when the files still hold what the stages read */
  changed: ParamChange[];
}

/**
 * `params` (params.yaml) and `otherParams` (path → data) with every key that `stages` read set
 * to the value pipeline.lock (`lockText`) holds for it. The inputs are not modified. A lock that
 * does not parse, or a stage it lacks, changes nothing.
 */
export function paramsAsRead(lockText: string | null, stages: string[], params: unknown, otherParams: Record<string, unknown>): ParamsAsRead {
  const unchanged: ParamsAsRead = { params, otherParams, changed: [] };
  if (lockText === null || stages.length === 0) return unchanged;
  const lock = parseLock(lockText);
  if (!lock.ok) return unchanged;
  const files = new Map<string, unknown>([[PARAMS_FILE, params], ...Object.entries(otherParams)]);
  const changed = new Map<string, ParamChange>();
  for (const name of stages) {
    for (const [file, values] of Object.entries(lock.value.stages[name]?.params ?? {})) {
      // a file the record does not keep (none of its stages' params files now) is not patched
      if (!files.has(file)) continue;
      for (const [key, read] of Object.entries(values)) {
        const found = lookupDotted(files.get(file), key);
        // a whole mapping read (`params: [train]`): the keys inside it that differ, each by name
        for (const [path, was, now] of differences(key.split('.'), read, found.found ? found.value : undefined)) {
          const id = `${file}\0${path.join('.')}`;
          if (changed.has(id)) continue;
          changed.set(id, { file, key: path.join('.'), read: was, now });
          files.set(file, withValue(files.get(file), path, was));
        }
      }
    }
  }
  if (changed.size === 0) return unchanged;
  const others: Record<string, unknown> = {};
  for (const file of Object.keys(otherParams)) others[file] = files.get(file);
  const sorted = [...changed.values()].sort((a, b) => (a.file === b.file ? cmp(a.key, b.key) : a.file === PARAMS_FILE ? -1 : b.file === PARAMS_FILE ? 1 : cmp(a.file, b.file)));
  return { params: files.get(PARAMS_FILE), otherParams: others, changed: sorted };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Where `now` differs from `read`, as [path, read, now]: inside mappings key by key, else the value whole. */
function differences(path: string[], read: unknown, now: unknown): [string[], unknown, unknown][] {
  if (sameValue(read, now)) return [];
  if (!isMapping(read) || !isMapping(now)) return [[path, read, now]];
  const keys = [...new Set([...Object.keys(read), ...Object.keys(now)])];
  return keys.flatMap((k) => differences([...path, k], read[k], now[k]));
}

/**
 * A copy of `data` with `value` at `path` (the key left out when `value` is undefined), mappings
 * made where missing; the original is untouched.
 */
function withValue(data: unknown, path: string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  // `list.0` (from `${list[0]}`): the list's item, the list kept a list
  if (Array.isArray(data) && /^(0|[1-9][0-9]*)$/.test(head) && Number(head) < data.length) {
    const items: unknown[] = [...data];
    const inner = withValue(items[Number(head)], rest, value);
    if (inner !== undefined) items[Number(head)] = inner;
    return items;
  }
  const base = isMapping(data) ? data : {};
  const inner = withValue(base[head], rest, value);
  if (inner === undefined) {
    const { [head]: _gone, ...others } = base;
    return others;
  }
  return { ...base, [head]: inner };
}
