// Nested metrics and params become one level of dotted names (`per_class.angry.f1`), the unit
// every table and diff works in. Empty containers are kept as values.
//
// Metrics flatten lists by index (`confusion_matrix.0.0`): each entry is a number of its own.
// Params keep a list whole (`train.seeds: [42, 1042]`), as DVC shows them: a list param is one
// setting, and its dotted name is the one `pipe exp run -S train.seeds=[...]` and `--keep` take.

export type Flat = Record<string, unknown>;

export function flatten(value: unknown, prefix = ''): Flat {
  const out: Flat = {};
  walk(value, prefix, out, true);
  return out;
}

/** Mappings only: a list is one value, compared and shown whole. */
export function flattenParams(value: unknown, prefix = ''): Flat {
  const out: Flat = {};
  walk(value, prefix, out, false);
  return out;
}

function walk(value: unknown, key: string, out: Flat, lists: boolean): void {
  if (value !== null && typeof value === 'object' && (lists || !Array.isArray(value))) {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value as Record<string, unknown>);
    if (entries.length > 0) {
      for (const [k, v] of entries) walk(v, key === '' ? k : `${key}.${k}`, out, lists);
      return;
    }
  }
  if (key !== '') out[key] = value;
}
