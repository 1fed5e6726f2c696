// Renders `pipe metrics show`: one row per metric (Path, Metric, Value), or JSON
// `{path: {dotted.key: value}}`.
import type { Flat } from '../flatten.js';
import { renderMarkdown, renderText } from './table.js';
import { formatValue } from './values.js';
import { jsonOutput } from './json-output.js';

export function renderMetrics(files: Record<string, Flat | null>, format: 'text' | 'md' | 'json', precision?: number): string {
  const present = Object.entries(files).filter((e): e is [string, Flat] => e[1] !== null);
  if (format === 'json') return `${jsonOutput(Object.fromEntries(present))}\n`;
  const rows = present.flatMap(([path, flat]) => Object.entries(flat).map(([k, v]) => [path, k, formatValue(v, precision)]));
  if (rows.length === 0) return '';
  const table = { headers: ['Path', 'Metric', 'Value'], rows };
  return format === 'md' ? renderMarkdown(table) : renderText(table);
}
