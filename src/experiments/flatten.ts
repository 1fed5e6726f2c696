// Nested metrics and params become one level of dotted names (`per_class.angry.f1`), the unit
// every table and diff works in. Arrays flatten by index; empty containers are kept as values.

export type Flat = Record<string, unknown>;

export function flatten(value: unknown, prefix = ''): Flat {
  const out: Flat = {};
  walk(value, prefix, out);
  return out;
}

function walk(value: unknown, key: string, out: Flat): void {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value as Record<string, unknown>);
    if (entries.length > 0) {
      for (const [k, v] of entries) walk(v, key === '' ? k : `${key}.${k}`, out);
      return;
    }
  }
  if (key !== '') out[key] = value;
}
