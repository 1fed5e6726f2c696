// `--keep`/`--drop` for `pipe metrics diff` and `pipe params diff`: regular expressions over the
// names of the rows, parsed and matched as `pipe exp show --keep/--drop` does with its columns
// (unanchored `RegExp.test`; a list param is one row, and a regex naming one of its items by its
// old dotted name, `train.filters.0`, keeps the whole list, with a note).
import { InvalidArgumentError } from 'commander';
import type { DiffRow } from './diff.js';
import { flatten } from './flatten.js';

export interface NameFilter {
  /** only the rows one of whose names matches */
  keep?: RegExp;
  /** not the rows one of whose names matches (after --keep) */
  drop?: RegExp;
}

/** commander's parser for `--keep <regex>` / `--drop <regex>`. */
export function regexOption(value: string): RegExp {
  try {
    return new RegExp(value);
  } catch (err) {
    throw new InvalidArgumentError(`not a regular expression: ${(err as Error).message}`);
  }
}

/**
 * The names a row answers to: its key (`per_class.angry.f1`, `train.lr`), and the key with its
 * file, as `exp show` names a column whose key two files share: `eval:accuracy` (the file's
 * name without folder and extension) or the whole path (`metrics/eval.json:accuracy`).
 */
export function rowNames(row: Pick<DiffRow, 'path' | 'key'>): string[] {
  return [row.key, `${stem(row.path)}:${row.key}`, `${row.path}:${row.key}`];
}

export function filterRows(rows: DiffRow[], filter: NameFilter): { rows: DiffRow[]; notes: string[] } {
  const { keep, drop } = filter;
  const notes: string[] = [];
  const noted = new Set<string>();
  const note = (text: string) => {
    if (!noted.has(text)) notes.push(text);
    noted.add(text);
  };
  const matches = (re: RegExp, row: DiffRow) => rowNames(row).some((n) => re.test(n));
  const kept = rows.filter((row) => {
    if (keep !== undefined && !matches(keep, row)) {
      const item = listItemMatching(keep, row);
      if (item === undefined) return false;
      note(`--keep matched ${item}, an item of the list param ${row.key}: a list is one row, kept whole`);
    }
    if (drop !== undefined) {
      if (matches(drop, row)) return false;
      const item = listItemMatching(drop, row);
      if (item !== undefined) note(`--drop matched ${item}, an item of the list param ${row.key}: a list is one row, left in whole`);
    }
    return true;
  });
  return { rows: kept, notes };
}

/** The first old-style item name (`train.filters.0`) of a list value on either side that `re` matches. */
function listItemMatching(re: RegExp, row: DiffRow): string | undefined {
  for (const v of [row.old, row.new]) {
    if (!Array.isArray(v)) continue;
    const item = Object.keys(flatten(v, row.key)).find((k) => re.test(k));
    if (item !== undefined) return item;
  }
  return undefined;
}

function stem(path: string): string {
  const base = path.split('/').pop() ?? path;
  return base.replace(/\.[^.]+$/, '');
}
