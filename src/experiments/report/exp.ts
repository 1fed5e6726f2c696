// Renders `pipe exp show`: text, Markdown, CSV (full-precision values) or JSON.
import type { ExpRow, ExpTable } from '../exp-table.js';
import { fitColumns, renderCsv, renderMarkdown, renderText, type Table } from './table.js';
import { compactJson, formatNumber, formatParam, formatValue } from './values.js';
import { jsonOutput } from './json-output.js';

/**
 * The table in `format`. With `width` (text only: the terminal's), the columns that do not fit are
 * left out and named in `hidden`, so a terminal shows whole rows rather than wrapped lines;
 * `same`: how many of those read the same in every row (they are left out first).
 */
export function renderExpTable(t: ExpTable, format: 'text' | 'md' | 'csv' | 'json', precision?: number, width?: number): { text: string; hidden: string[]; same?: number } {
  if (format === 'json') {
    // `type` tells the rows apart (workspace, baseline, experiment); those two have no id
    const rows = t.rows.map((r) => ({
      type: r.type,
      id: r.type === 'experiment' ? r.id : null,
      name: r.type !== 'experiment' || r.label !== r.id ? r.label : null,
      rev: r.rev,
      created: r.created === '' ? null : r.created,
      failed: r.failed,
      interrupted: r.interrupted,
      uncommitted: r.uncommitted,
      params: Object.fromEntries(t.columns.filter((c) => c.kind === 'param').map((c) => [c.name, r.values[c.name] ?? null])),
      metrics: Object.fromEntries(t.columns.filter((c) => c.kind === 'metric').map((c) => [c.name, r.values[c.name] ?? null])),
      backend: r.values.backend ?? null,
    }));
    return { text: `${jsonOutput(rows)}\n`, hidden: [] };
  }
  const cell = (v: unknown, kind?: string): string =>
    format === 'csv'
      ? v === undefined
        ? ''
        : typeof v === 'string'
          ? v
          : // a NaN loss as `nan`, as the text table and pandas write it; numbers otherwise exact
            typeof v === 'number' && !Number.isFinite(v)
            ? formatNumber(v)
            : compactJson(v)
      : kind === 'param'
        ? formatParam(v, precision)
        : formatValue(v, precision);
  if (format === 'md' || format === 'csv') {
    // the id alone in its field, so that it can be pasted into `exp apply`; the marks in a State
    // column of their own (as DVC's --csv has one), there when a row shown has a mark
    // with workspace and baseline rows (the default listing in git): `rev` (the commit's short
    // id) and `typ` (workspace, baseline, experiment), as DVC's --csv names them
    const state = t.rows.some((r) => marks(r).length > 0);
    const laid = t.rows.some((r) => r.type !== 'experiment');
    const table: Table = {
      headers: ['Experiment', ...(laid ? ['rev', 'typ'] : []), 'Created', ...(state ? ['State'] : []), ...t.columns.map((c) => c.name)],
      rows: t.rows.map((r) => [
        r.label,
        ...(laid ? [r.type === 'workspace' ? 'workspace' : (r.rev?.slice(0, 7) ?? ''), r.type] : []),
        format === 'csv' ? r.created : r.created === '' ? '-' : shortTime(r.created),
        ...(state ? [marks(r).join(' ')] : []),
        ...t.columns.map((c) => cell(r.values[c.name], c.kind)),
      ]),
    };
    return { text: format === 'md' ? renderMarkdown(table) : renderCsv(table), hidden: [] };
  }
  const table: Table = {
    headers: ['Experiment', 'Created', ...t.columns.map((c) => c.name)],
    rows: t.rows.map((r, i) => [`${branch(t.rows, i)}${labelled(r)}`, r.created === '' ? '-' : shortTime(r.created), ...t.columns.map((c) => cell(r.values[c.name], c.kind))]),
  };
  if (width === undefined) return { text: renderText(table), hidden: [], same: 0 };
  // a narrow terminal keeps first what tells the experiments apart: a column whose cells read
  // the same in every row (the baseline of one protocol) gives way to any that differ. Among
  // those, the first few metrics (top-level ones named like a score first: accuracy, loss, f1,
  // ...), then the params that differ (what a comparison is for: they would otherwise give way to
  // the 8th metric or a confusion matrix's cells), then the other metrics, score-like ones first
  const same = (i: number): boolean => table.rows.length > 1 && table.rows.every((r) => r[i] === table.rows[0]?.[i]);
  const indexes = table.headers.map((_, i) => i);
  const scoreLike = (i: number): boolean => { const c = t.columns[i - 2]; return c?.kind === 'metric' && !c.key.includes('.') && MAIN_METRIC.test(c.key); };
  const differing = indexes.filter((i) => i >= 2 && !same(i));
  const params = differing.filter((i) => t.columns[i - 2]?.kind === 'param');
  const differingMetrics = differing.filter((i) => t.columns[i - 2]?.kind === 'metric');
  const byScore = [...differingMetrics.filter(scoreLike), ...differingMetrics.filter((i) => !scoreLike(i))];
  const leading = byScore.slice(0, LEADING_METRICS);
  const first = [...new Set([0, 1, ...leading, ...params, ...byScore])];
  const priority = [...first, ...differing.filter((i) => !first.includes(i)), ...indexes.filter((i) => !first.includes(i) && !differing.includes(i))];
  const fitted = fitColumns(table, width, priority);
  const hiddenSame = fitted.hidden.filter((h) => { const i = table.headers.indexOf(h); return i >= 2 && same(i); }).length;
  // the note names the first few left out: a differing param among them is named first
  const paramNames = new Set(params.map((i) => table.headers[i]));
  const hidden = [...fitted.hidden.filter((h) => paramNames.has(h)), ...fitted.hidden.filter((h) => !paramNames.has(h))];
  return { text: renderText(fitted.table), hidden, same: hiddenSame };
}

/** How many differing metric columns a terminal keeps before the differing params. */
const LEADING_METRICS = 3;

/** Metrics a narrow terminal keeps first: top-level ones named like a score. */
const MAIN_METRIC = /acc|loss|f1|auc|precision|recall|error|score|mae|mse|iou/i;

/** `failed` or `interrupted`, and `dirty` (it ran with uncommitted changes its record lacks) */
function marks(r: ExpRow): string[] {
  return [...(r.failed ? ['failed'] : r.interrupted ? ['interrupted'] : []), ...((r.uncommitted?.length ?? 0) > 0 ? ['dirty'] : [])];
}

/** `lr05`, `lr05 (failed)`, `lr05 (interrupted)`, `lr05 (dirty)`, `lr05 (failed, dirty)` */
function labelled(r: ExpRow): string {
  const m = marks(r);
  return m.length > 0 ? `${r.label} (${m.join(', ')})` : r.label;
}

/** DVC's tree: `├── ` before an experiment listed under its baseline, `└── ` before the last one. */
function branch(rows: ExpRow[], i: number): string {
  const r = rows[i];
  if (r === undefined || !r.nested) return '';
  const next = rows[i + 1];
  return next !== undefined && next.nested && next.group === r.group ? '├── ' : '└── ';
}

/** `2026-11-29 05:15` (UTC) */
export function shortTime(iso: string): string {
  return iso.length >= 16 ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso;
}
