// The `pipe exp show` table as data: one row per experiment; columns are every metric (one per
// file and flattened key, as DVC's), the training backend and the params that differ between
// experiments. `--all` shows every param, changed or not.
// Params are params.yaml's keys as they are and another params file's as `<file>:<key>` (DVC's
// names); a list param is one column, its value the whole list.
import { refuse, success, type Outcome } from './failure.js';
import { flatten, flattenParams, type Flat } from './flatten.js';
import { sameValue, isNumber } from './diff.js';
import { experimentLabel } from './store.js';
import type { ExperimentRecord } from './schema.js';
import { uncommittedChanges } from './uncommitted.js';
import type { RowMeta, RowType } from './exp-show-rows.js';

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
  /** `workspace` and `baseline` rows stand for the files now and a commit's (exp-show-rows.ts) */
  type: RowType;
  /** full commit id: a baseline's, or the one an experiment ran on; null for the workspace or where none */
  rev: string | null;
  /** rows sort within their group (the workspace; each baseline and its experiments) */
  group: number;
  /** an experiment listed under its baseline row */
  nested: boolean;
  /** ISO 8601; '' for the workspace */
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
  /** every param, changed or not (every metric is a column anyway) */
  all?: boolean;
  /** drop metric columns whose value is the same in every experiment too */
  onlyChanged?: boolean;
  /** regular expressions over column names */
  keep?: RegExp;
  drop?: RegExp;
  sortBy?: string;
  sortOrder?: 'asc' | 'desc';
}

/** `meta`: how each record's row stands (exp-show-rows.ts); without it, every row an experiment, flat. */
export function buildExpTable(records: ExperimentRecord[], opts: ExpTableOptions = {}, meta?: RowMeta[]): Outcome<ExpTable> {
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

  // every metric, as DVC shows them: a terminal too narrow for them all leaves some out and says
  // which (report/exp.ts), and --keep/--drop/--only-changed choose
  const paramNames = new Set(paramKeys);
  const everyMetric = metricColumns(metrics, paramNames);
  const metricCols = everyMetric.filter((c) => {
    if (!opts.onlyChanged || opts.keep?.test(c.name)) return true;
    return !allSame(metrics.map((m) => m[c.path ?? '']?.[c.key]));
  });
  const backends = records.map((r) => r.backend);
  const showBackend = backends.some((b) => b !== null) && !(opts.onlyChanged && allSame(backends) && !opts.keep?.test('backend'));
  const backendCol: ExpColumn[] = showBackend ? [{ name: 'backend', kind: 'backend', key: 'backend' }] : [];
  // metrics first, as `dvc exp show`: a terminal too narrow for everything cuts params, not results
  let columns = [...metricCols, ...backendCol, ...paramCols];
  const matches = (re: RegExp, c: ExpColumn): boolean => columnNames(c).some((n) => re.test(n));
  if (opts.keep && !opts.all) {
    // --keep selects: only the matching columns, changed or not
    const keep = opts.keep;
    columns = columns.filter((c) => matches(keep, c) || (c.kind === 'param' && keptByItem.has(c.name)));
    // a --keep that names nothing is a typo more often than a finding: an empty table alone would not say so
    if (columns.length === 0) notes.push(`--keep ${opts.keep.source} matches no metric or param column of the experiments shown (\`--all\` lists them all)`);
  }
  const drop = opts.drop;
  if (drop) columns = columns.filter((c) => !matches(drop, c));
  // an item cannot be hidden alone: the list stays, and the note says how to hide it
  for (const c of columns) if (c.kind === 'param') byItem('--drop', opts.drop, c.name);

  const valueOf = (i: number, c: ExpColumn): unknown =>
    c.kind === 'param' ? params[i]?.[c.name] : c.kind === 'backend' ? (records[i]?.backend ?? undefined) : metrics[i]?.[c.path ?? '']?.[c.key];
  const rows: ExpRow[] = records.map((r, i) => {
    const values: Record<string, unknown> = {};
    for (const c of columns) values[c.name] = valueOf(i, c);
    const changes = uncommittedChanges(r);
    const failed = r.stages.some((s) => s.outcome === 'failed');
    const interrupted = !failed && r.stages.some((s) => s.outcome === 'interrupted');
    const m = meta?.[i];
    return {
      id: r.id,
      label: m?.label ?? experimentLabel(r),
      type: m?.type ?? 'experiment',
      rev: m === undefined ? (r.git?.rev ?? null) : m.rev,
      group: m?.group ?? 0,
      nested: m?.nested ?? false,
      created: r.created,
      failed,
      interrupted,
      uncommitted: changes.known ? changes.files : null,
      values,
    };
  });

  if (opts.sortBy !== undefined) {
    // any param or metric the experiments have sorts, shown or not (the same in every row, left
    // out by --keep/--drop, or beyond the terminal's width)
    const every = [...everyMetric, ...backendCol, ...paramKeys.map((k) => sources.get(k) ?? { name: k, kind: 'param' as const, key: k })];
    const found = findColumn(every, opts.sortBy, '--sort-by');
    if (!found.ok) return found;
    const col = found.value;
    if (col === undefined) {
      return refuse(`--sort-by ${opts.sortBy}: no such column`, {
        hint: `columns: ${every.map((c) => c.name).join(', ') || '(none)'}`,
        exitCode: 2,
      });
    }
    const dir = opts.sortOrder === 'desc' ? -1 : 1;
    const index = new Map(records.map((r, i) => [r.id, i]));
    const sortValue = (row: ExpRow): unknown => valueOf(index.get(row.id) ?? -1, col);
    // as DVC: the experiments of each baseline sorted among themselves, under it
    const rank = (row: ExpRow): number => (row.type === 'experiment' ? 1 : 0);
    rows.sort((a, b) => a.group - b.group || rank(a) - rank(b) || (rank(a) === 0 ? 0 : dir * compareValues(sortValue(a), sortValue(b))));
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

/**
 * One metric column per file and key (metrics lists flattened by index, `confusion_matrix.0.1`),
 * files in path order. The header is the key when no other file has it and no param is named so,
 * else the key with its file: `eval:accuracy` (the file's name without folder and extension), or
 * the whole path where two files share that name too (`train/metrics.json:acc`,
 * `eval/metrics.json:acc`, as DVC names them). `backend` is the record's own column.
 */
function metricColumns(metrics: ExperimentRecord['metrics'][], paramNames: Set<string>): ExpColumn[] {
  const entries: { path: string; key: string }[] = [];
  for (const path of [...new Set(metrics.flatMap((m) => Object.keys(m)))].sort()) {
    for (const key of unionKeys(metrics.map((m) => m[path] ?? {}))) if (key !== 'backend') entries.push({ path, key });
  }
  const count = (names: string[]): Map<string, number> => {
    const n = new Map<string, number>();
    for (const name of names) n.set(name, (n.get(name) ?? 0) + 1);
    return n;
  };
  const bare = count(entries.map((e) => e.key));
  const stems = count(entries.map((e) => `${stem(e.path)}:${e.key}`));
  return entries.map(({ path, key }) => {
    const short = `${stem(path)}:${key}`;
    const name = bare.get(key) === 1 && !paramNames.has(key) ? key : stems.get(short) === 1 && !paramNames.has(short) ? short : `${path}:${key}`;
    return { name, kind: 'metric', path, key };
  });
}

/** What `--keep`/`--drop` match and `--sort-by` takes: a column's header, and a metric's key alone or with its file. */
function columnNames(c: ExpColumn): string[] {
  if (c.kind !== 'metric' || c.path === undefined) return [c.name];
  return [...new Set([c.name, c.key, `${stem(c.path)}:${c.key}`, `${c.path}:${c.key}`])];
}

/**
 * A column by its header, its bare key, or `<metrics file>:<key>` (`eval:loss`,
 * `metrics/eval.json:loss`); undefined when none. A name that two or more columns answer to
 * (`acc` in two files) is refused, naming them: a wrong column would read as a result.
 */
export function findColumn(columns: ExpColumn[], ref: string, what: string): Outcome<ExpColumn | undefined> {
  const exact = columns.find((c) => c.name === ref);
  if (exact !== undefined) return success(exact);
  const candidates = columns.filter((c) => columnNames(c).includes(ref));
  if (candidates.length <= 1) return success(candidates[0]);
  return refuse(`${what} ${ref}: ${candidates.length} columns answer to that name: ${candidates.map((c) => c.name).join(', ')}`, {
    hint: 'name one as shown',
    exitCode: 2,
  });
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
