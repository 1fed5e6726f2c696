// How one value reads in a table cell: numbers rounded to N digits after the point (trailing
// zeros dropped), absent values as `-`, everything else as its JSON text.

export const DEFAULT_PRECISION = 5;

export function formatValue(v: unknown, precision = DEFAULT_PRECISION): string {
  if (v === undefined) return '-';
  if (typeof v === 'number') return formatNumber(v, precision);
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

export function formatNumber(n: number, precision = DEFAULT_PRECISION): string {
  if (!Number.isFinite(n) || Number.isInteger(n)) return String(n);
  // small values (learning rates) keep significant digits instead of rounding towards 0
  if (Math.abs(n) < 0.001) return String(Number(n.toPrecision(Math.max(precision, 1))));
  return String(Number(n.toFixed(precision)));
}

export function formatChange(n: number | undefined, precision = DEFAULT_PRECISION): string {
  if (n === undefined) return '';
  const s = formatNumber(n, precision);
  return n > 0 ? `+${s}` : s;
}
