// Renders a metrics/params diff: text or Markdown table (Path, Metric|Param, A, B, Change), or
// JSON `{path: {key: {old, new, diff}}}`.
import type { DiffRow } from '../diff.js';
import { renderMarkdown, renderText, type Table } from './table.js';
import { formatChange, formatParam, formatValue } from './values.js';
import { jsonOutput } from './json-output.js';

export type DiffFormat = 'text' | 'md' | 'json';

export interface DiffView {
  rows: DiffRow[];
  labels: { a: string; b: string };
  /** `Metric` or `Param` */
  keyHeader: string;
  precision?: number;
}

export function renderDiff(view: DiffView, format: DiffFormat): string {
  if (format === 'json') return `${jsonOutput(diffJson(view.rows))}\n`;
  if (view.rows.length === 0) return '';
  const value = (v: unknown): string => (view.keyHeader === 'Param' ? formatParam(v, view.precision) : formatValue(v, view.precision));
  const table: Table = {
    headers: ['Path', view.keyHeader, view.labels.a, view.labels.b, 'Change'],
    rows: view.rows.map((r) => [
      r.path,
      r.key,
      value(r.old),
      value(r.new),
      formatChange(r.change, view.precision),
    ]),
  };
  return format === 'md' ? renderMarkdown(table) : renderText(table);
}

export function diffJson(rows: DiffRow[]): Record<string, Record<string, { old: unknown; new: unknown; diff?: number }>> {
  const out: Record<string, Record<string, { old: unknown; new: unknown; diff?: number }>> = {};
  for (const r of rows) {
    const entry: { old: unknown; new: unknown; diff?: number } = { old: r.old ?? null, new: r.new ?? null };
    if (r.change !== undefined) entry.diff = r.change;
    (out[r.path] ??= {})[r.key] = entry;
  }
  return out;
}
