// Renders `pipe exp pairs`: a table of the pairs (A, B, their values, B - A) and a summary line,
// or the same as JSON.
import type { PairsSummary } from '../exp-pairs.js';
import { renderMarkdown, renderText, type Table } from './table.js';
import { formatChange, formatNumber } from './values.js';
import { jsonOutput } from './json-output.js';

export function renderPairs(s: PairsSummary, format: 'text' | 'md' | 'json', precision?: number): string {
  if (format === 'json') return `${jsonOutput(s)}\n`;
  const table: Table = {
    headers: ['A', 'B', `${s.column} A`, `${s.column} B`, 'B - A'],
    rows: s.pairs.map((p) => [p.a, p.b, formatNumber(p.valueA, precision), formatNumber(p.valueB, precision), formatChange(p.difference, precision)]),
  };
  const n = s.pairs.length;
  const num = (v: number): string => formatNumber(v, precision);
  const test = s.t === null || s.p === null
    ? 'every difference the same: no spread to test against'
    : `t = ${formatNumber(s.t, 2)} with ${s.df} df, two-sided p = ${formatNumber(s.p, 3)}`;
  const summary = [
    `B - A over ${n} pairs: mean ${formatChange(s.mean, precision)}, standard deviation ${num(s.sd)}, standard error ${num(s.standardError)}`,
    `${test}; B higher in ${s.higher} of ${n}, lower in ${s.lower}${s.level > 0 ? `, level in ${s.level}` : ''}`,
  ];
  const body = format === 'md' ? renderMarkdown(table) : renderText(table);
  return `${body}\n${summary.join('\n')}\n`;
}
