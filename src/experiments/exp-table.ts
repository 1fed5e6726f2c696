// The `pipe exp show` table as data: one row per experiment; columns are the main metrics
// (top-level numbers named like a score: accuracy, loss, f1, ...), the training backend and the
// params that differ between experiments. `--all` shows every param and every flattened metric.
// Params are params.yaml's keys as they are and another params file's as `<file>:<key>` (DVC's
// names); a list param is one column, its value the whole list.
import { refuse, success, type Outcome } from './failure.js';
import { flatten, flattenParams, type Flat } from './flatten.js';
import { sameValue, isNumber } from './diff.js';
import { experimentLabel } from './store.js';
import type { ExperimentRecord } from './schema.js';
import { uncommittedChanges } from './uncommitted.js';

/** Names of metrics worth a column by default; everything else is one `--all` or `--keep` away. */
const MAIN_METRIC = /acc|loss|f1|auc|precision|recall|error|score|mae|mse|iou/i;

export interface ExpColumn {
  /** header text */
  name: string;
  /** `backend`: the record's training backend */
  kind: 'param' | 'metric' | 'backend';
  /** for metrics, and params from a file other than params.yaml: the file it comes from */
  path?: string;
  /** dotted key inside that file (params.yaml for a param without a path) */
  key: string;
}

export interface ExpRow {
  id: string;
  label: string;
  created: string;
  failed: boolean;
  /** a stage of it was stopped by Ctrl-C or kill (and none failed) */
  interrupted: boolean;
  /**
   * files it ran with uncommitted changes to that its record does not hold (uncommitted.ts);
   * null when its record does not say which (an older pipe's)
   */
  uncommitted: string[] | null;
  values: Record<string, unknown>;
}

export interface ExpTable {
  columns: ExpColumn[];
  rows: ExpRow[];
  /** for the user: a --keep/--drop that named an item of a list param (`train.filters.0`) */
  notes: string[];
}

export interface ExpTableOptions {
  /** every param and every (flattened) metric, changed or not */
  all?: boolean;
  /** drop metric columns whose value is the same in every experiment too */
  onlyChanged?: boolean;
  /** regular expressions over column names */
  keep?: RegExp;
  drop?: RegExp;
  sortBy?: string;
  sortOrder?: 'asc' | 'desc';
}

export function buildExpTable(records: ExperimentRecord[], opts: ExpTableOptions = {}): Outcome<ExpTable> {
  const sources = new Map<string, ExpColumn>();
  const params = records.map((r) => paramsOf(r, sources));
  const metrics = records.map((r) => r.metrics);

  const notes: string[] = [];
  const byItem = (option: '--keep' | '--drop', re: RegExp | undefined, name: string): boolean => {
    if (re === undefined || re.test(name)) return false;
    const item = listItemMatching(re, name, params.map((p) => p[name]));
    if (item !== undefined) notes.push(`${option} matched ${item}, an item of the list param ${name}: a list is one column, ${option === '--keep' ? 'kept' : 'left in'} whole`);
    return item !== undefined;
  };
  const paramKeys = unionKeys(params);
  // one experiment alone: no param differs, so all of them say what it was
  const single = records.length === 1;
  // what the old names of list items (`train.filters.0`, before lists were one column) select
  const keptByItem = new Set(paramKeys.filter((k) => byItem('--keep', opts.keep, k)));
  const paramCols: ExpColumn[] = paramKeys
    .filter((k) => opts.all || single || opts.keep?.test(k) || keptByItem.has(k) || !allSame(params.map((p) => p[k])))
    .map((k) => sources.get(k) ?? { name: k, kind: 'param', key: k });

  const metricCols: ExpColumn[] = [];
  const paths = [...new Set(metrics.flatMap((m) => Object.keys(m)))].sort();
  const candidates: { path: string; key: string }[] = [];
  for (const path of paths) {
    const files = metrics.map((m) => m[path] ?? null);
    for (const key of unionKeys(files.map((f) => f ?? {}))) {
      const numeric = files.every((f) => f?.[key] === undefined || typeof f[key] === 'number');
      const main = !key.includes('.') && numeric && MAIN_METRIC.test(key);
      const kept = key !== 'backend' && (opts.keep?.test(key) || opts.keep?.test(`${stem(path)}:${key}`));
      if (main || opts.all || kept) candidates.push({ path, key });
    }
  }
  const keyCount = new Map<string, number>();
  for (const c of candidates) keyCount.set(c.key, (keyCount.get(c.key) ?? 0) + 1);
  for (const c of candidates) {
    const name = (keyCount.get(c.key) ?? 0) > 1 ? `${stem(c.path)}:${c.key}` : c.key;
    const values = metrics.map((m) => m[c.path]?.[c.key]);
    if (opts.onlyChanged && allSame(values) && !opts.keep?.test(name)) continue;
    metricCols.push({ name, kind: 'metric', path: c.path, key: c.key });
  }

  const backends = records.map((r) => r.backend);
  const showBackend = backends.some((b) => b !== null) && !(opts.onlyChanged && allSame(backends) && !opts.keep?.test('backend'));
  const backendCol: ExpColumn[] = showBackend ? [{ name: 'backend', kind: 'backend', key: 'backend' }] : [];
  // metrics first, as `dvc exp show`: a terminal too narrow for everything cuts params, not results
  let columns = [...metricCols.filter((c) => c.name !== 'backend'), ...backendCol, ...paramCols];
  if (opts.keep && !opts.all) {
    // --keep selects: only the matching columns, changed or not
    columns = columns.filter((c) => opts.keep?.test(c.name) || (c.kind === 'param' && keptByItem.has(c.name)));
    // a --keep that names nothing is a typo more often than a finding: an empty table alone would not say so
    if (columns.length === 0) notes.push(`--keep ${opts.keep.source} matches no metric or param column of the experiments shown (\`--all\` lists them all)`);
  }
  if (opts.drop) columns = columns.filter((c) => !opts.drop?.test(c.name));
  // an item cannot be hidden alone: the list stays, and the note says how to hide it
  for (const c of columns) if (c.kind === 'param') byItem('--drop', opts.drop, c.name);

  const rows: ExpRow[] = records.map((r, i) => {
    const values: Record<string, unknown> = {};
    for (const c of columns) {
      values[c.name] = c.kind === 'param' ? params[i]?.[c.name] : c.kind === 'backend' ? (r.backend ?? undefined) : metrics[i]?.[c.path ?? '']?.[c.key];
    }
    const changes = uncommittedChanges(r);
    const failed = r.stages.some((s) => s.outcome === 'failed');
    const interrupted = !failed && r.stages.some((s) => s.outcome === 'interrupted');
    return { id: r.id, label: experimentLabel(r), created: r.created, failed, interrupted, uncommitted: changes.known ? changes.files : null, values };
  });

  if (opts.sortBy !== undefined) {
    const sortBy = opts.sortBy;
    const col = findColumn(columns, sortBy);
    // a param not shown (the same in every row, or left out by --drop) still sorts
    const hiddenParam = col === undefined && paramKeys.includes(sortBy) ? sortBy : undefined;
    if (!col && hiddenParam === undefined) {
      return refuse(`--sort-by ${sortBy}: no such column`, {
        hint: `columns: ${columns.map((c) => c.name).join(', ') || '(none)'}`,
        exitCode: 2,
      });
    }
    const dir = opts.sortOrder === 'desc' ? -1 : 1;
    const byId = new Map(records.map((r, i) => [r.id, params[i]?.[sortBy]]));
    const valueOf = (row: ExpRow): unknown => (col ? row.values[col.name] : byId.get(row.id));
    rows.sort((a, b) => dir * compareValues(valueOf(a), valueOf(b)));
  }
  return success({ columns, rows, notes });
}

/**
 * One record's params by column name: params.yaml's dotted keys, then each other params file's
 * as `<file>:<key>`; `sources` learns each name's column.
 */
function paramsOf(r: ExperimentRecord, sources: Map<string, ExpColumn>): Flat {
  const out = flattenParams(r.params ?? {});
  for (const [path, data] of Object.entries(r.other_params ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const [key, v] of Object.entries(flattenParams(data ?? {}))) {
      const name = `${path}:${key}`;
      out[name] = v;
      if (!sources.has(name)) sources.set(name, { name, kind: 'param', path, key });
    }
  }
  return out;
}

/** The first old-style item name (`train.filters.0`) of a list value that `re` matches. */
function listItemMatching(re: RegExp, name: string, values: unknown[]): string | undefined {
  for (const v of values) {
    if (!Array.isArray(v)) continue;
    const item = Object.keys(flatten(v, name)).find((k) => re.test(k));
    if (item !== undefined) return item;
  }
  return undefined;
}

/** A column by its header, its bare key, or `<metrics file>:<key>` (`metrics/train.json:loss`). */
export function findColumn(columns: ExpColumn[], ref: string): ExpColumn | undefined {
  return columns.find((c) => c.name === ref)
    ?? columns.find((c) => c.key === ref)
    ?? columns.find((c) => `${c.path}:${c.key}` === ref);
}

function unionKeys(objs: Flat[]): string[] {
  const seen = new Set<string>();
  for (const o of objs) for (const k of Object.keys(o)) seen.add(k);
  return [...seen];
}

function allSame(values: unknown[]): boolean {
  return values.every((v) => sameValue(v, values[0]));
}

function stem(path: string): string {
  const base = path.split('/').pop() ?? path;
  return base.replace(/\.[^.]+$/, '');
}

/** Numbers by value, lists item by item, then other values as text; absent values always last. */
function compareValues(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (isNumber(a) && isNumber(b)) return a - b;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareValues(a[i] ?? null, b[i] ?? null);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  return String(a).localeCompare(String(b));
}
