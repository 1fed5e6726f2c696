// `ingest.limit`: a deterministic subset of at most `limit` images that keeps the proportions
// of every (class, usage) group. Group quotas are floor(size * limit / n) plus one more for
// the groups with the largest remainders (ties: lower class, then lower usage); inside a group
// the picks are evenly spaced over the group's (sorted) order, so no seed is needed and the
// same input always gives the same subset.

/** Indices (ascending) of the images to keep; all of them when limit >= n. */
export function stratifiedSubset(labels: ArrayLike<number>, usage: ArrayLike<number>, limit: number): number[] {
  const n = labels.length;
  if (limit >= n) return Array.from({ length: n }, (_, i) => i);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const key = labels[i]! * 16 + usage[i]!;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = []));
    g.push(i);
  }
  const keys = [...groups.keys()].sort((a, b) => a - b);
  const quota = new Map<number, number>();
  let given = 0;
  for (const k of keys) {
    const q = Math.floor((groups.get(k)!.length * limit) / n);
    quota.set(k, q);
    given += q;
  }
  const byRemainder = [...keys].sort((a, b) => {
    const ra = (groups.get(a)!.length * limit) % n;
    const rb = (groups.get(b)!.length * limit) % n;
    return rb - ra || a - b;
  });
  for (let j = 0; given < limit; j++, given++) {
    const k = byRemainder[j]!;
    quota.set(k, quota.get(k)! + 1);
  }
  const picked: number[] = [];
  for (const k of keys) {
    const g = groups.get(k)!;
    const q = quota.get(k)!;
    for (let t = 0; t < q; t++) picked.push(g[Math.floor((t * g.length) / q)]!);
  }
  return picked.sort((a, b) => a - b);
}
