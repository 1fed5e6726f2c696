// Renders `pipe exp show`: text, Markdown, CSV (full-precision values) or JSON.
import type { ExpTable } from '../exp-table.js';
import { renderCsv, renderMarkdown, renderText, type Table } from './table.js';
import { formatValue } from './values.js';

export function renderExpTable(t: ExpTable, format: 'text' | 'md' | 'csv' | 'json', precision?: number): string {
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
    return `${JSON.stringify(rows, null, 2)}\n`;
  }
  const cell = (v: unknown): string =>
    format === 'csv' ? (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v)) : formatValue(v, precision);
  const table: Table = {
    headers: ['Experiment', 'Created', ...t.columns.map((c) => c.name)],
    rows: t.rows.map((r) => [
      r.failed ? `${r.label} (failed)` : r.label,
      format === 'csv' ? r.created : shortTime(r.created),
      ...t.columns.map((c) => cell(r.values[c.name])),
    ]),
  };
  return format === 'md' ? renderMarkdown(table) : format === 'csv' ? renderCsv(table) : renderText(table);
}

/** `2026-11-29 05:15` (UTC) */
export function shortTime(iso: string): string {
  return iso.length >= 16 ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso;
}
