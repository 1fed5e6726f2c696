// Plain tables in three renderings: aligned text for terminals, Markdown, and CSV (RFC 4180).

export interface Table {
  headers: string[];
  rows: string[][];
}

export function renderText(t: Table): string {
  const widths = t.headers.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length)));
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
