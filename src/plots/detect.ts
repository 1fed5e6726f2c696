// Which chart a plots file becomes, decided from its fields (or the entry's x/y/template
// options): rows with actual/predicted are a confusion matrix; rows with an epoch (or step, or
// the `x` option) and numeric fields are training curves, one chart per metric with its val_
// twin (loss + val_loss, accuracy + val_accuracy, lr).
import { refuse, success, type Outcome } from '../experiments/failure.js';
import type { Row } from './rows.js';

export interface CurvesKind {
  kind: 'curves';
  /** field on the x axis; undefined: the row index, counted from 1 */
  x: string | undefined;
  /** one chart per group; each group is the fields drawn together */
  groups: string[][];
}

export interface ConfusionKind {
  kind: 'confusion';
  actual: string;
  predicted: string;
  /** field holding a count per (actual, predicted); undefined: each row is one prediction */
  count: string | undefined;
}

export type PlotKind = CurvesKind | ConfusionKind;

export function detectKind(path: string, rows: Row[], options: Record<string, unknown>): Outcome<PlotKind> {
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const has = (f: unknown): f is string => typeof f === 'string' && fields.includes(f);
  const template = typeof options.template === 'string' ? options.template : undefined;
  const optX = typeof options.x === 'string' ? options.x : undefined;
  const optY = typeof options.y === 'string' ? [options.y] : Array.isArray(options.y) ? options.y.filter((y): y is string => typeof y === 'string') : undefined;

  if (template?.startsWith('confusion') || (template === undefined && has('actual') && has('predicted'))) {
    const actual = optX ?? 'actual';
    const predicted = optY?.[0] ?? 'predicted';
    if (!has(actual) || !has(predicted)) {
      return refuse(`confusion matrix needs fields '${actual}' and '${predicted}' (found: ${fields.join(', ')})`, { where: path, hint: 'set x/y in the plots entry of pipeline.yaml' });
    }
    return success({ kind: 'confusion', actual, predicted, count: has('count') ? 'count' : undefined });
  }

  const x = optX ?? ['epoch', 'step'].find(has);
  if (optX !== undefined && !has(optX)) return refuse(`x field '${optX}' is not in the data (found: ${fields.join(', ')})`, { where: path });
  const numeric = fields.filter((f) => f !== x && rows.some((r) => typeof r[f] === 'number'));
  const ys = optY ?? numeric;
  const missing = ys.filter((y) => !has(y));
  if (missing.length > 0) return refuse(`y field '${missing[0]}' is not in the data (found: ${fields.join(', ')})`, { where: path });
  if (ys.length === 0) return refuse(`no numeric fields to plot (found: ${fields.join(', ') || 'none'})`, { where: path });
  const groups: string[][] = [];
  for (const f of ys) {
    if (f.startsWith('val_') && ys.includes(f.slice(4))) continue; // drawn with its twin
    groups.push(ys.includes(`val_${f}`) ? [f, `val_${f}`] : [f]);
  }
  return success({ kind: 'curves', x, groups });
}
