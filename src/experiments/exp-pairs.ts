// `pipe exp pairs COLUMN A:B ...`: a paired comparison of recorded experiments. Each pair differs
// in one setting and shares everything else (the seed above all), so the spread between seeds
// cancels out of each difference; what is left is whether the setting moves the column by more
// than the pairs disagree among themselves. Prints each pair, the mean difference (B - A, as
// `metrics diff` reads A to B), its standard error and Student's t with its two-sided p.
import { buildExpTable, findColumn } from './exp-table.js';
import { refuse, success, type Outcome } from './failure.js';
import type { ExperimentRecord } from './schema.js';
import { findExperiments } from './store.js';
import { twoSidedP } from './student-t.js';

export interface PairRow {
  a: string;
  b: string;
  valueA: number;
  valueB: number;
  /** valueB - valueA */
  difference: number;
}

export interface PairsSummary {
  column: string;
  pairs: PairRow[];
  mean: number;
  /** sample standard deviation of the differences (n - 1 in the denominator) */
  sd: number;
  standardError: number;
  /** mean / standard error; null when every difference is the same (no spread to measure by) */
  t: number | null;
  df: number;
  /** two-sided, Student's t with df = pairs - 1; null with t */
  p: number | null;
  /** how many pairs have B above A, below A, level */
  higher: number;
  lower: number;
  level: number;
}

/** `A:B` into its two experiment references (names cannot hold `:`; ids and id prefixes neither). */
export function parsePair(text: string): Outcome<{ a: string; b: string }> {
  const parts = text.split(':');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
    return refuse(`pair '${text}' is not A:B`, { hint: 'name each pair as two experiments joined by a colon, e.g. base-s42:change-s42', exitCode: 2 });
  }
  return success({ a: parts[0] as string, b: parts[1] as string });
}

export interface PairsOptions {
  /** pair an ensemble's networks one by one (its metrics file's `members` list) */
  members?: boolean;
}

export function comparePairs(all: ExperimentRecord[], columnRef: string, pairTexts: string[], opts: PairsOptions = {}): Outcome<PairsSummary> {
  const refs: { a: string; b: string }[] = [];
  for (const text of pairTexts) {
    const pair = parsePair(text);
    if (!pair.ok) return pair;
    refs.push(pair.value);
  }
  const found = findExperiments(all, refs.flatMap((r) => [r.a, r.b]));
  if (!found.ok) return found;
  const records = found.value;
  const table = buildExpTable(records, { all: true });
  if (!table.ok) return table;
  const named = findColumn(table.value.columns, columnRef, 'column');
  if (!named.ok) return named;
  const col = named.value;
  if (!col) {
    return refuse(`column '${columnRef}': no param or metric of that name in these experiments`, {
      hint: '`pipe exp show --all` lists the column names',
      exitCode: 2,
    });
  }
  const ownValue = (i: number): Outcome<number> => {
    const row = table.value.rows[i];
    if (row === undefined) throw new Error(`no table row ${i}`);
    if (row.failed || row.interrupted) return refuse(`${row.label}: its run ${row.failed ? 'failed' : 'was interrupted'}, so its metrics are not its own`, { hint: 'pair runs that finished' });
    const v = row.values[col.name];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      return refuse(`${row.label} has no number for ${col.name}`, { hint: `\`pipe exp show ${row.label} --all\` shows what it recorded` });
    }
    return success(v);
  };
  // With `members`, a record whose metrics file lists its ensemble's networks (`members.0.<key>`,
  // `members.1.<key>`, ...) stands for each of them; one without such a list, for its one network.
  const valuesOf = (i: number): Outcome<number[]> => {
    const own = ownValue(i);
    if (!own.ok) return own;
    const rec = records[i];
    if (!opts.members || col.kind !== 'metric' || rec === undefined) return success([own.value]);
    const file = rec.metrics[col.path ?? ''] ?? {};
    const list: number[] = [];
    for (let m = 0; typeof file[`members.${m}.${col.key}`] === 'number'; m++) list.push(file[`members.${m}.${col.key}`] as number);
    return success(list.length > 0 ? list : [own.value]);
  };
  const pairs: PairRow[] = [];
  for (let i = 0; i < refs.length; i++) {
    const va = valuesOf(2 * i);
    if (!va.ok) return va;
    const vb = valuesOf(2 * i + 1);
    if (!vb.ok) return vb;
    const [labelA, labelB] = [table.value.rows[2 * i]?.label ?? '', table.value.rows[2 * i + 1]?.label ?? ''];
    // members pair by position (the i-th network of each, trained from the same seed when the
    // two ensembles share their base seed), up to the smaller ensemble
    const count = Math.min(va.value.length, vb.value.length);
    for (let m = 0; m < count; m++) {
      const valueA = va.value[m] as number;
      const valueB = vb.value[m] as number;
      const member = (values: number[], label: string): string => (values.length > 1 ? `${label} #${m + 1}` : label);
      pairs.push({ a: member(va.value, labelA), b: member(vb.value, labelB), valueA, valueB, difference: valueB - valueA });
    }
  }
  if (pairs.length < 2) {
    return refuse('one pair given: a standard error needs at least two', {
      hint: 'name two or more pairs A:B, each the same run but for the setting compared',
      exitCode: 2,
    });
  }
  const n = pairs.length;
  const diffs = pairs.map((p) => p.difference);
  const mean = diffs.reduce((s, d) => s + d, 0) / n;
  const sd = Math.sqrt(diffs.reduce((s, d) => s + (d - mean) ** 2, 0) / (n - 1));
  const standardError = sd / Math.sqrt(n);
  const df = n - 1;
  // a spread of a few ulps is rounding, not a spread: treat it as none
  const spread = standardError > 1e-12 * Math.max(1, Math.abs(mean));
  const t = spread ? mean / standardError : null;
  return success({
    column: col.name,
    pairs,
    mean,
    sd,
    standardError,
    t,
    df,
    p: t === null ? null : twoSidedP(t, df),
    higher: diffs.filter((d) => d > 0).length,
    lower: diffs.filter((d) => d < 0).length,
    level: diffs.filter((d) => d === 0).length,
  });
}
