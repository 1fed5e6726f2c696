// Which chart a plots file becomes, decided from the entry's template and x/y options, or from
// its fields: rows with actual/predicted class labels are a confusion matrix; rows with an epoch
// (or step, or the `x` option) and numeric fields are training curves, one chart per metric with
// its val_ twin (loss + val_loss, accuracy + val_accuracy, lr).
//
// Templates (DVC's names, src/engine/plot-templates.ts): `linear` (the curves' default: lines
// with points), `simple` (lines only), `scatter` (points only), `smooth` (the points faint, a
// loess curve through them), `confusion` (cells coloured by count), `confusion_normalized` (by
// share of the actual class: the default for detected matrices), `bar_horizontal` (one bar per
// row: x the value, y the category) and `bar_horizontal_sorted` (the same, longest bar first).
import { refuse, success, type Outcome } from '../experiments/failure.js';
import { isPlotTemplate, PLOT_TEMPLATES } from '../engine/plot-templates.js';
import type { Row } from './rows.js';

export interface CurvesKind {
  kind: 'curves';
  /** field on the x axis; undefined: the row index, counted from 1 */
  x: string | undefined;
  /** one chart per group; each group is the fields drawn together */
  groups: string[][];
  /** how the points are drawn; absent: `linear` (lines, and points on short series) */
  style?: 'simple' | 'scatter' | 'smooth';
  /** said to the user: why a file that looked like something else is drawn as curves */
  note?: string;
}

export interface ConfusionKind {
  kind: 'confusion';
  actual: string;
  predicted: string;
  /** field holding a count per (actual, predicted); undefined: each row is one prediction */
  count: string | undefined;
  /** `template: confusion`: cells coloured by count (absent: by share of the actual class) */
  byCount?: true;
}

export interface BarsKind {
  kind: 'bars';
  /** numeric field: the bar's length (the `x` option) */
  value: string;
  /** the field naming each bar (the `y` option) */
  category: string;
  /** `bar_horizontal_sorted`: longest bar first */
  sorted: boolean;
}

export type PlotKind = CurvesKind | ConfusionKind | BarsKind;

/**
 * Integer class ids of a detected confusion matrix may take this many distinct values at most
 * (a file with a `count` field may take more): past it, numbers read as a regression's values.
 */
const MAX_INTEGER_CLASSES = 20;

export function detectKind(path: string, rows: Row[], options: Record<string, unknown>): Outcome<PlotKind> {
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const has = (f: unknown): f is string => typeof f === 'string' && fields.includes(f);
  const template = typeof options.template === 'string' ? options.template : undefined;
  if (template !== undefined && !isPlotTemplate(template)) {
    // pipeline.yaml's schema refuses it first wherever the engine loads the pipeline
    return refuse(`unknown template '${template}' (known: ${PLOT_TEMPLATES.join(', ')})`, { where: path, exitCode: 2 });
  }
  const optX = typeof options.x === 'string' ? options.x : undefined;
  const optY = typeof options.y === 'string' ? [options.y] : Array.isArray(options.y) ? options.y.filter((y): y is string => typeof y === 'string') : undefined;
  const found = `(found: ${fields.join(', ') || 'none'})`;

  const labelled = template === undefined && has('actual') && has('predicted');
  if (template?.startsWith('confusion') || (labelled && looksLikeLabels(rows, ['actual', 'predicted'], has('count')))) {
    const actual = optX ?? 'actual';
    const predicted = optY?.[0] ?? 'predicted';
    if (!has(actual) || !has(predicted)) {
      return refuse(`confusion matrix needs fields '${actual}' and '${predicted}' ${found}`, { where: path, hint: 'set x/y in the plots entry of pipeline.yaml' });
    }
    return success({ kind: 'confusion', actual, predicted, count: has('count') ? 'count' : undefined, ...(template === 'confusion' ? { byCount: true as const } : {}) });
  }

  if (template === 'bar_horizontal' || template === 'bar_horizontal_sorted') {
    const numeric = (f: string) => rows.some((r) => typeof r[f] === 'number');
    const value = optX ?? fields.find(numeric);
    const category = optY?.[0] ?? fields.find((f) => f !== value && !numeric(f));
    if (value === undefined || category === undefined || !has(value) || !has(category)) {
      return refuse(`${template} needs a numeric field for x (the bar's length) and a field for y (the bar's name) ${found}`, { where: path, hint: 'set x and y in the plots entry of pipeline.yaml' });
    }
    return success({ kind: 'bars', value, category, sorted: template === 'bar_horizontal_sorted' });
  }

  const x = optX ?? ['epoch', 'step'].find(has);
  if (optX !== undefined && !has(optX)) return refuse(`x field '${optX}' is not in the data ${found}`, { where: path });
  const numeric = fields.filter((f) => f !== x && rows.some((r) => typeof r[f] === 'number'));
  const ys = optY ?? numeric;
  const missing = ys.filter((y) => !has(y));
  if (missing.length > 0) return refuse(`y field '${missing[0]}' is not in the data ${found}`, { where: path });
  if (ys.length === 0) return refuse(`no numeric fields to plot ${found}`, { where: path });
  const groups: string[][] = [];
  for (const f of ys) {
    if (f.startsWith('val_') && ys.includes(f.slice(4))) continue; // drawn with its twin
    groups.push(ys.includes(`val_${f}`) ? [f, `val_${f}`] : [f]);
  }
  const style = template === 'simple' || template === 'scatter' || template === 'smooth' ? { style: template } : {};
  const note = labelled
    ? { note: `${path}: 'actual' and 'predicted' hold numbers that are not class labels, so it is drawn as curves, not as a confusion matrix (\`template: scatter\` with \`x: actual\` and \`y: predicted\` draws one against the other; \`template: confusion\` forces the matrix)` }
    : {};
  return success({ kind: 'curves', x, groups, ...style, ...note });
}

/**
 * Values a confusion matrix can be made of: class names (text or true/false), or whole numbers
 * taking few distinct values (class ids). A regression's actual/predicted columns (6.79, 8.49...)
 * are not.
 */
function looksLikeLabels(rows: Row[], fields: string[], counted: boolean): boolean {
  const values = rows.flatMap((r) => fields.map((f) => r[f])).filter((v) => v !== undefined && v !== null);
  if (!values.every((v) => typeof v === 'string' || typeof v === 'boolean' || Number.isInteger(v))) return false;
  const ids = new Set(values.filter((v) => typeof v === 'number'));
  return counted || ids.size <= MAX_INTEGER_CLASSES;
}
