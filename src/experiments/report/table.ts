// Plain tables in three renderings: aligned text for terminals, Markdown, and CSV (RFC 4180).

export interface Table {
  headers: string[];
  rows: string[][];
}

function columnWidths(t: Table): number[] {
  return t.headers.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length)));
}

/**
 * The table cut to the columns that fit `width` characters as renderText lays them out, taken in
 * the order of `priority` (column indexes; default: left to right), each one that still fits, and
 * shown in their own order; the first column always stays. `hidden`: the headers of those cut
 * off, in priority order.
 */
export function fitColumns(t: Table, width: number, priority?: readonly number[]): { table: Table; hidden: string[] } {
  const widths = columnWidths(t);
  const order = priority ?? t.headers.map((_, i) => i);
  const kept = new Set<number>();
  let used = 0;
  for (const i of order) {
    const next = used + (kept.size > 0 ? 2 : 0) + (widths[i] ?? 0);
    // one too wide is passed over, not the end: a narrower one after it may still fit
    if (kept.size > 0 && next > width) continue;
    used = next;
    kept.add(i);
  }
  const pick = <T>(cells: readonly T[]): T[] => cells.filter((_, i) => kept.has(i));
  return {
    table: { headers: pick(t.headers), rows: t.rows.map(pick) },
    hidden: order.filter((i) => !kept.has(i)).map((i) => t.headers[i] ?? ''),
  };
}

export function renderText(t: Table): string {
  const widths = columnWidths(t);
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(t.headers), ...t.rows.map(line)].join('\n') + '\n';
}

export function renderMarkdown(t: Table): string {
  const esc = (c: string): string => c.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells: string[]): string => `| ${cells.map(esc).join(' | ')} |`;
  return [line(t.headers), `|${t.headers.map(() => '---').join('|')}|`, ...t.rows.map(line)].join('\n') + '\n';
}

export function renderCsv(t: Table): string {
  const esc = (c: string): string => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [t.headers, ...t.rows].map((r) => r.map(esc).join(',')).join('\n') + '\n';
}
