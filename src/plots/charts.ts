// From plots data (one or more sides: workspace, revisions, experiments) to chart specs: one
// chart per curves group, one confusion matrix per file; sides overlay on the same axes.
import { absentNote, type AbsentReasons } from '../experiments/diff.js';
import { problem, type ExpFailure } from '../experiments/failure.js';
import { detectKind } from './detect.js';
import type { Row } from './rows.js';
import { barsSpec, confusionSpec, curvesSpec, type Series, type VegaLiteSpec } from './specs.js';

export interface PlotSide {
  label: string;
  /** plots file path → rows (null when missing on that side) */
  plots: Record<string, Row[] | null>;
  /** why a file is null on this side, when known */
  absent?: AbsentReasons;
}

export interface ChartPlan {
  /** file-safe name: `train_history-loss` */
  id: string;
  title: string;
  source: string;
  spec: VegaLiteSpec;
}

export interface PlanResult {
  charts: ChartPlan[];
  notes: string[];
  failures: ExpFailure[];
}

export function planCharts(sides: PlotSide[], options: Record<string, Record<string, unknown>>): PlanResult {
  const result: PlanResult = { charts: [], notes: [], failures: [] };
  const paths = [...new Set(sides.flatMap((s) => Object.keys(s.plots)))].sort();
  for (const path of paths) {
    const series: Series[] = [];
    for (const s of sides) {
      const rows = s.plots[path];
      if (rows === null || rows === undefined) result.notes.push(absentNote(path, s.label, s.absent?.[path]));
      else if (rows.length === 0) result.notes.push(`${path}: no rows in ${s.label}`);
      else series.push({ label: s.label, rows });
    }
    const first = series[0];
    if (first === undefined) continue;
    // all sides share one kind, decided from their fields together
    const kind = detectKind(path, series.flatMap((s) => s.rows), options[path] ?? {});
    if (!kind.ok) {
      result.failures.push(kind.failure);
      continue;
    }
    const stem = stemIn(path, paths);
    const opts = options[path] ?? {};
    const customTitle = typeof opts.title === 'string' ? opts.title : undefined;
    const source = series.length === 1 ? `${path}, ${first.label}` : path;
    if (kind.value.kind === 'confusion') {
      const title = customTitle ?? `confusion matrix (${stem})${kind.value.byCount ? '' : ', row-normalised'}`;
      result.charts.push({ id: safeId(stem), title, source, spec: confusionSpec(title, kind.value, series) });
      continue;
    }
    if (kind.value.kind === 'bars') {
      const title = customTitle ?? `${kind.value.value} per ${kind.value.category}`;
      result.charts.push({ id: safeId(stem), title, source, spec: barsSpec(title, kind.value, series) });
      continue;
    }
    if (kind.value.note !== undefined) result.notes.push(kind.value.note);
    // a scatter shows one field against another, not a series over epochs
    const per = kind.value.style === 'scatter' && kind.value.x !== undefined ? 'against' : 'per';
    for (const group of kind.value.groups) {
      const head = group[0] ?? '';
      const generic = `${group.map(readable).join(' & ')} ${per} ${kind.value.x ?? 'epoch'}`;
      const title = customTitle === undefined ? generic : kind.value.groups.length === 1 ? customTitle : `${customTitle}: ${generic}`;
      result.charts.push({ id: safeId(`${stem}-${head}`), title, source, spec: curvesSpec(title, kind.value, group, series) });
    }
  }
  if (paths.length === 0) result.failures.push(problem('pipeline.yaml declares no plots files', { hint: 'add `plots:` to the stage that writes them' }));
  uniqueIds(result.charts);
  return result;
}

/**
 * A chart's name part for `path`: its file name without extension, or, where another plots file
 * has the same name (`a/h.json`, `b/h.json`, or files in a plots folder), its whole path, so that
 * each chart gets files of its own (the second one overwrote the first).
 */
function stemIn(path: string, paths: string[]): string {
  const stem = fileStem(path);
  return paths.some((p) => p !== path && fileStem(p) === stem) ? path.replace(/\.[^./]+$/, '').replaceAll('/', '_') : stem;
}

/** Ids still alike after `stemIn` (`a_b/h` and `a/b_h`) get `-2`, `-3`, ... in order. */
function uniqueIds(charts: ChartPlan[]): void {
  const seen = new Set<string>();
  for (const c of charts) {
    let id = c.id;
    for (let n = 2; seen.has(id); n++) id = `${c.id}-${n}`;
    seen.add(id);
    c.id = id;
  }
}

/** `lr` reads as `learning rate` in titles; other field names stay as written. */
function readable(field: string): string {
  return field === 'lr' ? 'learning rate' : field;
}

function fileStem(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.[^.]+$/, '');
}

/** A name safe as a file name: runs of other characters become `_`. */
export function safeId(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]+/g, '_');
}
