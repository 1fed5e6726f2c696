// Plots data files as rows of fields: a JSON array of objects (or an object holding one such
// array), or CSV/TSV parsed by vega's loader (imported only when a CSV file is met).
import { refuse, success, type Outcome } from '../experiments/failure.js';
import { parseDataFile } from '../experiments/files.js';

export type Row = Record<string, unknown>;

export async function parsePlotRows(name: string, text: string): Promise<Outcome<Row[]>> {
  if (/\.(csv|tsv)$/i.test(name)) {
    const vega = await import('vega');
    try {
      const rows = vega.read(text, { type: /\.tsv$/i.test(name) ? 'tsv' : 'csv', parse: 'auto' }) as Row[];
      return success(rows);
    } catch (err) {
      return refuse(`cannot parse CSV: ${(err as Error).message}`, { where: name });
    }
  }
  const parsed = parseDataFile(name, text);
  if (!parsed.ok) return parsed;
  const data = parsed.value;
  const rows = Array.isArray(data)
    ? data
    : typeof data === 'object' && data !== null
      ? Object.values(data).find((v) => Array.isArray(v))
      : undefined;
  if (!Array.isArray(rows) || !rows.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) {
    return refuse('plots data must be an array of objects (one per row, e.g. one per epoch)', { where: name });
  }
  return success(rows as Row[]);
}
