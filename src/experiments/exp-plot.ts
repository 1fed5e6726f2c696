// `pipe exp plot X Y`: recorded experiments as points, one column of `pipe exp show --all`
// against another (test accuracy against training time, a metric against a param). Columns are
// named as `exp show` names them; experiments missing a number in either column are left out,
// each with a note, and a failed run is left out because its metrics are not its own.
import { safeId, type ChartPlan } from '../plots/charts.js';
import { scatterSpec, type ScatterPoint } from '../plots/specs.js';
import { buildExpTable, findColumn, type ExpColumn } from './exp-table.js';
import { refuse, success, type Outcome } from './failure.js';
import type { ExperimentRecord } from './schema.js';
import { compactJson } from './report/values.js';

export interface ExpPlotRequest {
  x: string;
  y: string;
  color?: string;
  title?: string;
}

export interface ExpPlotPlan {
  chart: ChartPlan;
  notes: string[];
}

export function planExpPlot(records: ExperimentRecord[], req: ExpPlotRequest): Outcome<ExpPlotPlan> {
  if (records.length === 0) {
    return refuse('no experiments recorded yet', { hint: '`pipe repro` or `pipe exp run` records one' });
  }
  const table = buildExpTable(records, { all: true });
  if (!table.ok) return table;
  const { columns, rows } = table.value;
  const column = (what: string, ref: string): Outcome<ExpColumn> => {
    const found = findColumn(columns, ref, what);
    if (!found.ok) return found;
    const col = found.value;
    if (col) return success(col);
    return refuse(`${what} '${ref}': no param or metric of that name in the recorded experiments`, {
      hint: '`pipe exp show --all` lists the column names',
      exitCode: 2,
    });
  };
  const xCol = column('x', req.x);
  if (!xCol.ok) return xCol;
  const yCol = column('y', req.y);
  if (!yCol.ok) return yCol;
  const colorCol = req.color === undefined ? undefined : column('--color', req.color);
  if (colorCol && !colorCol.ok) return colorCol;
  const x = xCol.value;
  const y = yCol.value;
  const color = colorCol?.value;

  const notes: string[] = [];
  const points: ScatterPoint[] = [];
  for (const row of rows) {
    if (row.failed || row.interrupted) {
      notes.push(`${row.label}: left out, its run ${row.failed ? 'failed' : 'was interrupted'}`);
      continue;
    }
    const xv = row.values[x.name];
    const yv = row.values[y.name];
    if (!isFiniteNumber(xv) || !isFiniteNumber(yv)) {
      const missing = [x, y].filter((c) => !isFiniteNumber(row.values[c.name])).map((c) => c.name);
      notes.push(`${row.label}: left out, no number for ${missing.join(' or ')}`);
      continue;
    }
    const point: ScatterPoint = { label: row.label, x: xv, y: yv };
    if (color !== undefined) {
      const v = row.values[color.name] ?? '-';
      // a list param's group reads as its cell in `exp show` does: [42, 1042], not 42,1042
      point.group = typeof v === 'string' ? v : compactJson(v);
    }
    points.push(point);
  }
  if (points.length === 0) {
    return refuse(`no experiment has a number for both ${x.name} and ${y.name}`, {
      hint: '`pipe exp show --keep` with those names shows what each experiment recorded',
    });
  }
  const title = req.title ?? `${y.name} against ${x.name}`;
  const axes = { x: x.name, y: y.name, ...(color !== undefined ? { color: color.name } : {}) };
  const chart: ChartPlan = {
    id: safeId(`exp-${y.name}-${x.name}`),
    title,
    source: `${points.length} experiment${points.length === 1 ? '' : 's'} in metrics/experiments`,
    spec: scatterSpec(title, axes, points),
  };
  return success({ chart, notes });
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
