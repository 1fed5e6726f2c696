// Renders `pipe exp show`: text, Markdown, CSV (full-precision values) or JSON.
import type { ExpTable } from '../exp-table.js';
import { fitColumns, renderCsv, renderMarkdown, renderText, type Table } from './table.js';
import { compactJson, formatValue } from './values.js';

/**
 * The table in `format`. With `width` (text only: the terminal's), the columns that do not fit are
 * left out and named in `hidden`, so a terminal shows whole rows rather than wrapped lines.
 */
export function renderExpTable(t: ExpTable, format: 'text' | 'md' | 'csv' | 'json', precision?: number, width?: number): { text: string; hidden: string[] } {
  if (format === 'json') {
    const rows = t.rows.map((r) => ({
      id: r.id,
      name: r.label === r.id ? null : r.label,
      created: r.created,
      failed: r.failed,
      params: Object.fromEntries(t.columns.filter((c) => c.kind === 'param').map((c) => [c.name, r.values[c.name] ?? null])),
      metrics: Object.fromEntries(t.columns.filter((c) => c.kind === 'metric').map((c) => [c.name, r.values[c.name] ?? null])),
      backend: r.values.backend ?? null,
    }));
    return { text: `${JSON.stringify(rows, null, 2)}\n`, hidden: [] };
  }
  const cell = (v: unknown): string =>
    format === 'csv' ? (v === undefined ? '' : typeof v === 'string' ? v : compactJson(v)) : formatValue(v, precision);
  const table: Table = {
    headers: ['Experiment', 'Created', ...t.columns.map((c) => c.name)],
    rows: t.rows.map((r) => [
      r.failed ? `${r.label} (failed)` : r.label,
      format === 'csv' ? r.created : shortTime(r.created),
      ...t.columns.map((c) => cell(r.values[c.name])),
    ]),
  };
  if (format === 'md') return { text: renderMarkdown(table), hidden: [] };
  if (format === 'csv') return { text: renderCsv(table), hidden: [] };
  const fitted = width === undefined ? { table, hidden: [] } : fitColumns(table, width);
  return { text: renderText(fitted.table), hidden: fitted.hidden };
}

/** `2026-11-29 05:15` (UTC) */
export function shortTime(iso: string): string {
  return iso.length >= 16 ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso;
}
