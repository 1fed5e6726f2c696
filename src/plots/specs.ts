// Vega-Lite specs for the chart kinds: curves and confusion matrices of plots files, and the
// scatter of experiments that `pipe exp plot` draws. Every series of a diff gets its own colour
// and a legend entry; train/validation of one metric differ by dash. Data is inlined (no loader, no
// network), so the SVG depends on nothing outside the spec.
import type { BarsKind, ConfusionKind, CurvesKind } from './detect.js';
import { paddedDomain, placeLabels, type Axis } from './label-placement.js';
import type { Row } from './rows.js';

export type VegaLiteSpec = Record<string, unknown>;

export interface Series {
  /** `workspace`, a git revision or an experiment name/id */
  label: string;
  rows: Row[];
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const SIZE = { width: 420, height: 260 };
// Vega cuts legend and facet-header labels at 160 px with an ellipsis, which leaves experiments
// named `official-sharp3-16ep` and `official-sharp3-30ep` looking the same: names are shown whole.
const WHOLE_LABELS = { labelLimit: 0 };

/** Positive values whose largest is 20 times their smallest or more: a log axis reads them best. */
export function spansDecades(nums: number[]): boolean {
  return nums.length > 0 && nums.every((n) => n > 0) && Math.max(...nums) / Math.min(...nums) >= 20;
}

export function curvesSpec(title: string, kind: CurvesKind, fields: string[], series: Series[]): VegaLiteSpec {
  const xTitle = kind.x ?? 'epoch';
  const values: Row[] = [];
  for (const s of series) {
    s.rows.forEach((r, i) => {
      const x = kind.x === undefined ? i + 1 : r[kind.x];
      if (typeof x !== 'number') return;
      // an ensemble's history (several train.seeds, or train.ensemble > 1) holds each network's epochs, told apart by
      // `member`: one line per member, or the lines would jump back from the last epoch to 1
      const member = typeof r['member'] === 'number' ? { member: r['member'] } : {};
      for (const f of fields) {
        const v = r[f];
        if (typeof v === 'number' && Number.isFinite(v)) values.push({ x, value: v, metric: f, series: s.label, ...member });
      }
    });
  }
  const nums = values.map((v) => v.value as number);
  // learning-rate schedules span decades: a log axis shows them
  const logScale = spansDecades(nums);
  // a constant series (a fixed learning rate) needs zero in the domain to get an axis at all
  const constant = nums.length > 0 && Math.max(...nums) === Math.min(...nums);
  const multi = series.length > 1;
  const encoding: Record<string, unknown> = {
    // whole-number x (epochs, steps) gets whole-number ticks, even over a domain of one value
    x: { field: 'x', type: 'quantitative', title: xTitle, axis: { tickMinStep: 1, ...(values.every((v) => Number.isInteger(v.x)) ? { format: 'd' } : {}) } },
    y: { field: 'value', type: 'quantitative', title: fields.join(' / '), scale: logScale ? { type: 'log' } : { zero: constant } },
    color: multi
      ? { field: 'series', type: 'nominal', title: 'experiment', sort: series.map((s) => s.label), legend: WHOLE_LABELS }
      : { field: 'metric', type: 'nominal', title: null, sort: fields, legend: WHOLE_LABELS },
    tooltip: [{ field: 'series' }, { field: 'metric' }, { field: 'x', title: xTitle }, { field: 'value', format: '.4g' }],
  };
  if (values.some((v) => v.member !== undefined)) {
    encoding.detail = { field: 'member', type: 'nominal' };
    (encoding.tooltip as object[]).splice(1, 0, { field: 'member' });
  }
  if (multi && fields.length > 1) encoding.strokeDash = { field: 'metric', type: 'nominal', title: null, sort: fields, legend: WHOLE_LABELS };
  const head = { $schema: SCHEMA, title, ...SIZE, data: { values } };
  // scatter: points alone (the metric or experiment told apart by colour, train/val by shape)
  if (kind.style === 'scatter') {
    if (encoding.strokeDash !== undefined) {
      encoding.shape = encoding.strokeDash;
      delete encoding.strokeDash;
    }
    return { ...head, mark: { type: 'point', filled: true, size: 50 }, encoding };
  }
  // smooth: the points faint, and a loess curve through each line's points
  if (kind.style === 'smooth') {
    const groupby = ['series', 'metric', ...(encoding.detail !== undefined ? ['member'] : [])];
    return {
      ...head,
      encoding,
      layer: [
        { mark: { type: 'point', filled: true, size: 25, opacity: 0.35 } },
        { mark: { type: 'line' }, transform: [{ loess: 'value', on: 'x', groupby }] },
      ],
    };
  }
  // a line of one point draws nothing: such points (a one-epoch run beside longer ones) get a dot
  const group = (v: Row) => JSON.stringify([v.series, v.metric, v.member ?? null]);
  const sizes = new Map<string, number>();
  for (const v of values) sizes.set(group(v), (sizes.get(group(v)) ?? 0) + 1);
  for (const v of values) if (sizes.get(group(v)) === 1) v.lone = true;
  // points would turn the dash legend into dots: only on single-series charts; `simple`: never
  const line = { type: 'line', point: kind.style !== 'simple' && !multi && values.length <= 200 };
  const lone = values.some((v) => v.lone === true) && (multi || kind.style === 'simple');
  return {
    ...head,
    ...(lone
      ? { encoding, layer: [{ mark: line }, { mark: { type: 'point', filled: true, size: 50 }, transform: [{ filter: 'datum.lone' }] }] }
      : { mark: line, encoding }),
  };
}

/** `bar_horizontal(_sorted)`: one bar per row, its length the value; sides of a diff side by side. */
export function barsSpec(title: string, kind: BarsKind, series: Series[]): VegaLiteSpec {
  const values: Row[] = [];
  for (const s of series) {
    for (const r of s.rows) {
      const v = r[kind.value];
      if (typeof v === 'number' && Number.isFinite(v)) values.push({ category: String(r[kind.category]), value: v, series: s.label });
    }
  }
  const multi = series.length > 1;
  const encoding: Record<string, unknown> = {
    x: { field: 'value', type: 'quantitative', title: kind.value },
    // data order (the producer's), or the longest bar first
    y: { field: 'category', type: 'nominal', title: kind.category, sort: kind.sorted ? '-x' : null, axis: WHOLE_LABELS },
    tooltip: [{ field: 'series' }, { field: 'category', title: kind.category }, { field: 'value', title: kind.value, format: '.4g' }],
  };
  if (multi) {
    encoding.color = { field: 'series', type: 'nominal', title: 'experiment', sort: series.map((s) => s.label), legend: WHOLE_LABELS };
    encoding.yOffset = { field: 'series', type: 'nominal', sort: series.map((s) => s.label) };
  }
  return { $schema: SCHEMA, title, width: SIZE.width, data: { values }, mark: 'bar', encoding };
}

export interface ConfusionCell extends Row {
  series: string;
  actual: string;
  predicted: string;
  count: number;
  /** count / row total: the share of that actual class predicted as `predicted` */
  rate: number;
  label: string;
}

export function confusionCells(kind: ConfusionKind, series: Series[]): ConfusionCell[] {
  const cells: ConfusionCell[] = [];
  for (const s of series) {
    const counts = new Map<string, Map<string, number>>();
    for (const r of s.rows) {
      const a = String(r[kind.actual]);
      const p = String(r[kind.predicted]);
      const n = kind.count === undefined ? 1 : Number(r[kind.count]);
      if (!Number.isFinite(n)) continue;
      const row = counts.get(a) ?? new Map<string, number>();
      row.set(p, (row.get(p) ?? 0) + n);
      counts.set(a, row);
    }
    const classes = classOrder(kind, s.rows);
    for (const a of classes) {
      const row = counts.get(a) ?? new Map<string, number>();
      const total = [...row.values()].reduce((x, y) => x + y, 0);
      for (const p of classes) {
        const count = row.get(p) ?? 0;
        const rate = total > 0 ? count / total : 0;
        cells.push({ series: s.label, actual: a, predicted: p, count, rate, label: `${count}\n${Math.round(rate * 100)}%` });
      }
    }
  }
  return cells;
}

function maxCount(cells: ConfusionCell[]): number {
  return cells.reduce((m, c) => Math.max(m, c.count), 0);
}

/** Classes in the order the data first names them (the producer's order, e.g. FER2013's label ids). */
function classOrder(kind: ConfusionKind, rows: Row[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) seen.add(String(r[kind.actual]));
  for (const r of rows) seen.add(String(r[kind.predicted]));
  return [...seen];
}

export function confusionSpec(title: string, kind: ConfusionKind, series: Series[]): VegaLiteSpec {
  const values = confusionCells(kind, series);
  const order = classOrder(kind, series.flatMap((s) => s.rows));
  const layer = [
    {
      mark: 'rect',
      encoding: {
        // `template: confusion`: by count, as DVC's; otherwise by share of the actual class
        color: kind.byCount
          ? { field: 'count', type: 'quantitative', title: 'count', scale: { domainMin: 0, scheme: 'blues' } }
          : { field: 'rate', type: 'quantitative', title: 'row share', scale: { domain: [0, 1], scheme: 'blues' } },
        tooltip: [{ field: 'actual' }, { field: 'predicted' }, { field: 'count' }, { field: 'rate', format: '.1%' }],
      },
    },
    {
      mark: { type: 'text', fontSize: 10, ...(kind.byCount ? {} : { lineBreak: '\n' }) },
      encoding: {
        text: { field: kind.byCount ? 'count' : 'label' },
        color: { condition: { test: kind.byCount ? `datum.count > ${maxCount(values) / 2}` : 'datum.rate > 0.5', value: 'white' }, value: 'black' },
      },
    },
  ];
  const encoding = {
    x: { field: 'predicted', type: 'nominal', sort: order, title: kind.predicted === 'predicted' ? 'predicted' : `predicted (${kind.predicted})` },
    y: { field: 'actual', type: 'nominal', sort: order, title: kind.actual === 'actual' ? 'actual' : `actual (${kind.actual})` },
  };
  const cell = { width: 360, height: 360 };
  if (series.length === 1) return { $schema: SCHEMA, title, ...cell, data: { values }, encoding, layer };
  return {
    $schema: SCHEMA,
    title,
    data: { values },
    facet: { column: { field: 'series', type: 'nominal', title: 'experiment', sort: series.map((s) => s.label), header: WHOLE_LABELS } },
    spec: { ...cell, encoding, layer },
  };
}

export interface ScatterPoint extends Row {
  /** the experiment's name or id */
  label: string;
  x: number;
  y: number;
  /** the value of the colour column, as text; absent without one */
  group?: string;
}

export interface ScatterAxes {
  x: string;
  y: string;
  /** the column the points are coloured by */
  color?: string;
}

/** One point per experiment, named beside it where there is room; an axis whose values span
 * decades is logarithmic. The axes' domains are fixed (not rounded) so that the names can be
 * placed in pixels (label-placement.ts). */
export function scatterSpec(title: string, axes: ScatterAxes, points: ScatterPoint[]): VegaLiteSpec {
  const size = { x: 520, y: 340 };
  const axis = (field: 'x' | 'y'): Axis => {
    const values = points.map((p) => p[field]);
    const log = spansDecades(values);
    return { ...paddedDomain(values, log), log, length: size[field] };
  };
  const x = axis('x');
  const y = axis('y');
  const placed = placeLabels(points, x, y);
  const values = points.map((p, i) => {
    const at = placed[i];
    const group = axes.color !== undefined ? ` (${axes.color} ${p.group ?? '-'})` : '';
    // what a hover over the point shows (the SVG's <title>), the names left off included
    const describe = `${p.label}: ${axes.x} ${short(p.x)}, ${axes.y} ${short(p.y)}${group}`;
    // a point whose name found no room gets no name fields, so no text layer draws it
    const name = at === undefined ? {} : { name: p.label, nameX: at.x, nameY: at.baseline, align: at.align };
    return { ...p, describe, ...name };
  });
  // `zero` is a linear scale's only: on a log scale Vega-Lite drops it, with a warning on stderr
  const scale = (a: Axis) => (a.log ? { type: 'log', domain: [a.min, a.max], nice: false } : { type: 'linear', domain: [a.min, a.max], nice: false, zero: false });
  const encoding: Record<string, unknown> = {
    x: { field: 'x', type: 'quantitative', title: axes.x, scale: scale(x) },
    y: { field: 'y', type: 'quantitative', title: axes.y, scale: scale(y) },
    description: { field: 'describe' },
  };
  if (axes.color !== undefined) {
    encoding.color = { field: 'group', type: 'nominal', title: axes.color, legend: WHOLE_LABELS };
  }
  // one text layer per alignment: Vega-Lite cannot encode a mark's alignment per datum
  const names = (['left', 'right', 'center'] as const).map((align) => ({
    transform: [{ filter: `datum.align === '${align}'` }],
    // aria off: the point beside it already describes the experiment to a screen reader
    mark: { type: 'text', align, baseline: 'alphabetic', fontSize: 10, aria: false },
    encoding: {
      text: { field: 'name' },
      // already in pixels
      x: { field: 'nameX', type: 'quantitative', scale: null },
      y: { field: 'nameY', type: 'quantitative', scale: null },
    },
  }));
  const layer = [{ mark: { type: 'point', filled: true, size: 60 } }, ...names];
  return { $schema: SCHEMA, title, width: size.x, height: size.y, data: { values }, encoding, layer };
}

/** Four significant digits, without exponent noise: 6231.6 → 6232, 0.546949 → 0.5469. */
function short(v: number): string {
  return String(Number(v.toPrecision(4)));
}
