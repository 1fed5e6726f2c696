// Vega-Lite specs for the two chart kinds. Every series of a diff gets its own colour and a
// legend entry; train/validation of one metric differ by dash. Data is inlined (no loader, no
// network), so the SVG depends on nothing outside the spec.
import type { ConfusionKind, CurvesKind } from './detect.js';
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

export function curvesSpec(title: string, kind: CurvesKind, fields: string[], series: Series[]): VegaLiteSpec {
  const xTitle = kind.x ?? 'epoch';
  const values: Row[] = [];
  for (const s of series) {
    s.rows.forEach((r, i) => {
      const x = kind.x === undefined ? i + 1 : r[kind.x];
      if (typeof x !== 'number') return;
      for (const f of fields) {
        const v = r[f];
        if (typeof v === 'number' && Number.isFinite(v)) values.push({ x, value: v, metric: f, series: s.label });
      }
    });
  }
  const positive = values.every((v) => (v.value as number) > 0);
  const nums = values.map((v) => v.value as number);
  // learning-rate schedules span decades: a log axis shows them
  const logScale = positive && nums.length > 0 && Math.max(...nums) / Math.min(...nums) >= 20;
  // a constant series (a fixed learning rate) needs zero in the domain to get an axis at all
  const constant = nums.length > 0 && Math.max(...nums) === Math.min(...nums);
  const multi = series.length > 1;
  const encoding: Record<string, unknown> = {
    x: { field: 'x', type: 'quantitative', title: xTitle, axis: { tickMinStep: 1 } },
    y: { field: 'value', type: 'quantitative', title: fields.join(' / '), scale: logScale ? { type: 'log' } : { zero: constant } },
    color: multi
      ? { field: 'series', type: 'nominal', title: 'experiment', sort: series.map((s) => s.label), legend: WHOLE_LABELS }
      : { field: 'metric', type: 'nominal', title: null, sort: fields, legend: WHOLE_LABELS },
    tooltip: [{ field: 'series' }, { field: 'metric' }, { field: 'x', title: xTitle }, { field: 'value', format: '.4g' }],
  };
  if (multi && fields.length > 1) encoding.strokeDash = { field: 'metric', type: 'nominal', title: null, sort: fields, legend: WHOLE_LABELS };
  return {
    $schema: SCHEMA,
    title,
    ...SIZE,
    data: { values },
    // points would turn the dash legend into dots: only on single-series charts
    mark: { type: 'line', point: !multi && values.length <= 200 },
    encoding,
  };
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
        color: { field: 'rate', type: 'quantitative', title: 'row share', scale: { domain: [0, 1], scheme: 'blues' } },
        tooltip: [{ field: 'actual' }, { field: 'predicted' }, { field: 'count' }, { field: 'rate', format: '.1%' }],
      },
    },
    {
      mark: { type: 'text', fontSize: 10, lineBreak: '\n' },
      encoding: {
        text: { field: 'label' },
        color: { condition: { test: 'datum.rate > 0.5', value: 'white' }, value: 'black' },
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
