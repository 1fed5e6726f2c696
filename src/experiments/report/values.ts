// How one value reads in a table cell: numbers rounded to N digits after the point (trailing
// zeros dropped), absent values as `-`, everything else (a list param, an empty mapping) as
// compact JSON, `[32, 64, 128]`.

export const DEFAULT_PRECISION = 5;

export function formatValue(v: unknown, precision = DEFAULT_PRECISION): string {
  if (v === undefined) return '-';
  if (typeof v === 'number') return formatNumber(v, precision);
  if (typeof v === 'string') return v;
  return compactJson(v);
}

/**
 * JSON with a space after each `,` and `:`: `[32, 64, 128]`, `{"a": 1}`. Numbers inside stay
 * exact (a list is a setting as written, not a measurement to round), and the text is valid YAML,
 * so a cell can be pasted into `pipe exp run -S key=...` as it reads.
 */
export function compactJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => compactJson(x ?? null)).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    const fields = Object.entries(v).filter(([, x]) => x !== undefined);
    return `{${fields.map(([k, x]) => `${JSON.stringify(k)}: ${compactJson(x)}`).join(', ')}}`;
  }
  // JSON has no word for these; YAML's keep the cell valid YAML (JSON.stringify would say null)
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? '.nan' : v > 0 ? '.inf' : '-.inf';
  return JSON.stringify(v) ?? 'null';
}

/**
 * A param's value in a table: numbers as written (params are settings, not measurements: two
 * learning rates 0.100001 and 0.1000012 rounded to 5 digits would read the same in the column
 * shown because they differ), unless a precision is asked for (`--precision`), which rounds them
 * as metrics.
 */
export function formatParam(v: unknown, precision?: number): string {
  if (precision !== undefined || typeof v !== 'number' || !Number.isFinite(v)) return formatValue(v, precision);
  return String(v);
}

export function formatNumber(n: number, precision = DEFAULT_PRECISION): string {
  // as DVC's tables print them (Python's spelling), not JavaScript's NaN/Infinity
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Number.isInteger(n)) return String(n);
  // small values (learning rates) keep significant digits instead of rounding towards 0
  if (Math.abs(n) < 0.001) return String(Number(n.toPrecision(Math.max(precision, 1))));
  return String(Number(n.toFixed(precision)));
}

/**
 * A difference, to `precision` digits after the point like the values it compares (a change of
 * -0.00038001 in an accuracy reads -0.00038); one too small to show there keeps two significant
 * digits rather than reading as 0.
 */
export function formatChange(n: number | undefined, precision = DEFAULT_PRECISION): string {
  if (n === undefined) return '';
  const fixed = Number.isFinite(n) && !Number.isInteger(n) ? Number(n.toFixed(precision)) : n;
  const s = fixed === 0 && n !== 0 ? String(Number(n.toPrecision(2))) : String(fixed);
  return n > 0 ? `+${s}` : s;
}
