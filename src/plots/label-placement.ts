// Where to write each point's name on a scatter so that names cover neither each other nor the
// points. Vega-Lite has no label placement of its own, so the scatter fixes its axis domains
// (no `nice` rounding): then a value's pixel position is known here, and each name gets the
// first of a few spots around its point that is free. A name with no free spot is left off
// (the point's hover title still has it). Points earlier in the list choose first.

export interface Axis {
  /** the domain's ends, as drawn */
  min: number;
  max: number;
  log: boolean;
  /** pixels from min to max */
  length: number;
}

export interface Placement {
  /** where the name is anchored, in pixels from the plot's top left corner: the x of its left
   * end, right end or middle (as `align` says) and its baseline */
  x: number;
  baseline: number;
  align: 'left' | 'right' | 'center';
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

// The sans-serif face the charts are rendered in, at 10 px: about 5.1 px per character of a run
// name; reckoning a little more keeps names apart. A name is anchored at its point's side, so a
// name narrower than reckoned still sits next to its point.
const CHAR_WIDTH = 5.8;
const TEXT_HEIGHT = 11;
const GAP = 6;
const POINT_RADIUS = 5;

/** The room a name takes when written at `at`, as label placement reckons it. */
export function labelBox(label: string, at: Placement): Box {
  const w = label.length * CHAR_WIDTH;
  const left = at.align === 'left' ? at.x : at.align === 'right' ? at.x - w : at.x - w / 2;
  return { left, right: left + w, top: at.baseline - TEXT_HEIGHT, bottom: at.baseline };
}

/** The domain a scatter axis gets for these values: their range and a margin on both sides. */
export function paddedDomain(values: number[], log: boolean): { min: number; max: number } {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (log) {
    const factor = hi > lo ? (hi / lo) ** 0.06 : 1.5;
    return { min: lo / factor, max: hi * factor };
  }
  const pad = hi > lo ? (hi - lo) * 0.06 : Math.abs(hi) * 0.1 || 1;
  return { min: lo - pad, max: hi + pad };
}

function position(v: number, axis: Axis): number {
  const t = axis.log
    ? (Math.log(v) - Math.log(axis.min)) / (Math.log(axis.max) - Math.log(axis.min))
    : (v - axis.min) / (axis.max - axis.min);
  return t * axis.length;
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** A place for each point's name, or undefined where it is left off. */
export function placeLabels(points: { x: number; y: number; label: string }[], x: Axis, y: Axis): (Placement | undefined)[] {
  // pixel centres: y grows downwards on screen
  const centres = points.map((p) => ({ px: position(p.x, x), py: y.length - position(p.y, y) }));
  const taken: Box[] = centres.map(({ px, py }) => ({
    left: px - POINT_RADIUS, top: py - POINT_RADIUS, right: px + POINT_RADIUS, bottom: py + POINT_RADIUS,
  }));
  return points.map((p, i) => {
    const { px, py } = centres[i] ?? { px: 0, py: 0 };
    // right of the point, right-above, right-below, the same on its left, then above and below
    const middle = TEXT_HEIGHT / 2 - 1;
    const spots: [Placement['align'], number, number][] = [
      ['left', GAP + 2, middle], ['left', GAP, -GAP], ['left', GAP, GAP + TEXT_HEIGHT],
      ['right', -GAP - 2, middle], ['right', -GAP, -GAP], ['right', -GAP, GAP + TEXT_HEIGHT],
      ['center', 0, -GAP - POINT_RADIUS], ['center', 0, GAP + POINT_RADIUS + TEXT_HEIGHT],
    ];
    for (const [align, dx, dy] of spots) {
      const at = { x: px + dx, baseline: py + dy, align };
      const box = labelBox(p.label, at);
      const inside = box.left >= 0 && box.right <= x.length && box.top >= 0 && box.bottom <= y.length;
      if (inside && !taken.some((t) => overlaps(t, box))) {
        taken.push(box);
        return at;
      }
    }
    return undefined;
  });
}
