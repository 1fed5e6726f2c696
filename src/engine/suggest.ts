// The one adapter around fastest-levenshtein: "did you mean" for a mistyped name (a stage, an
// experiment), as commander already does for mistyped options.
import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `name`, if one is within 40% of the longer name's length in edits (at
 * least one; a swap of two letters is two): `trian` finds `train`, `nope` finds nothing in `a, b, c`.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(name, c);
    const limit = Math.max(1, Math.floor(0.4 * Math.max(name.length, c.length)));
    if (d <= limit && d < name.length && (best === undefined || d < best.d)) best = { name: c, d };
  }
  return best?.name;
}
