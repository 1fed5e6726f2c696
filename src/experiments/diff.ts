// Compares two sides key by key (after flattening). Change is computed for numbers only;
// any other change (strings, booleans, a list param, a key or a whole file appearing) is shown
// without one.
import type { Flat } from './flatten.js';

export interface DiffRow {
  path: string;
  key: string;
  /** undefined: absent on that side (file missing or key missing) */
  old: unknown;
  new: unknown;
  /** new - old when both are numbers */
  change?: number;
  changed: boolean;
}

export interface DiffResult {
  rows: DiffRow[];
  notes: string[];
}

/**
 * Why a file is absent on a side, when known (path → reason), e.g. from a record's stale_stages;
 * `notInCache`: the revision's pipeline.lock names the file's content, but the local cache lacks
 * it (a gc removed it, or it was never fetched), which is not the same as the revision lacking it;
 * `fetchFailed`: why fetching it from the remote did not bring it (snapshot.ts).
 */
export type AbsentReasons = Record<string, string | { notInCache: true; fetchFailed?: string }>;

export function diffFiles(
  a: Record<string, Flat | null>,
  b: Record<string, Flat | null>,
  labels: { a: string; b: string },
  why: { a?: AbsentReasons; b?: AbsentReasons } = {},
): DiffResult {
  const paths = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const rows: DiffRow[] = [];
  const notes: string[] = [];
  for (const path of paths) {
    const fa = a[path] ?? null;
    const fb = b[path] ?? null;
    const whyA = why.a?.[path];
    const whyB = why.b?.[path];
    if (fa === null && fb === null && whyA === undefined && whyB === undefined) {
      notes.push(`${path}: missing in both ${labels.a} and ${labels.b}`);
      continue;
    }
    if (fa === null) notes.push(absentNote(path, labels.a, whyA));
    if (fb === null) notes.push(absentNote(path, labels.b, whyB));
    if (fa === null && fb === null) continue;
    const keys = [...new Set([...Object.keys(fa ?? {}), ...Object.keys(fb ?? {})])].sort();
    for (const key of keys) {
      const o = fa?.[key];
      const n = fb?.[key];
      const row: DiffRow = { path, key, old: o, new: n, changed: !sameValue(o, n) };
      // 12 significant digits drop float noise (1.5 - 1.2 = 0.30000000000000004)
      if (isNumber(o) && isNumber(n)) row.change = Number((n - o).toPrecision(12));
      rows.push(row);
    }
  }
  return { rows, notes };
}

export function absentNote(path: string, label: string, why: AbsentReasons[string] | undefined): string {
  if (why === undefined) return `${path}: missing in ${label}`;
  if (typeof why !== 'string') {
    const tried = why.fetchFailed === undefined ? '' : `; fetching it failed: ${why.fetchFailed}`;
    return `${path} at ${label} is not in the local cache (that revision's pipeline.lock names it; \`pipe gc\` removes what it does not keep): with that revision checked out, \`pipe fetch\` or \`pipe pull\` brings it from the remote if it was pushed${tried}`;
  }
  return `${path}: not in ${label} (${why})`;
}

export function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Deep equality: lists item by item, mappings key by key whatever their order. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  }
  const ka = Object.keys(a);
  const rb = b as Record<string, unknown>;
  return ka.length === Object.keys(rb).length && ka.every((k) => k in rb && sameValue((a as Record<string, unknown>)[k], rb[k]));
}
