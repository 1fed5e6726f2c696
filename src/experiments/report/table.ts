// Plain tables in three renderings: aligned text for terminals, Markdown, and CSV (RFC 4180).

export interface Table {
  headers: string[];
  rows: string[][];
}

function columnWidths(t: Table): number[] {
  return t.headers.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length)));
}

/**
 * The table cut to its first columns that fit `width` characters as renderText lays them out
 * (the first column always stays), and the headers of those cut off.
 */
export function fitColumns(t: Table, width: number): { table: Table; hidden: string[] } {
  const widths = columnWidths(t);
  let used = 0;
  let keep = 0;
  for (const w of widths) {
    const next = used + (keep > 0 ? 2 : 0) + w;
    if (keep > 0 && next > width) break;
    used = next;
    keep++;
  }
  return { table: { headers: t.headers.slice(0, keep), rows: t.rows.map((r) => r.slice(0, keep)) }, hidden: t.headers.slice(keep) };
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
