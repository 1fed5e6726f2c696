// DVC's `matrix`: a stage run for every combination of the values of a few named lists (a grid
// search: learning rates x seeds). Each combination is a stage of its own, named by its values,
// `train@0.001-42`, with `${item.<list name>}` standing for its value in that combination.
import { isStageKey, itemsOf, KEY_RULE, type CopyContext, type StageCopy } from './foreach.js';
import type { PathSegment } from './yaml-source.js';

interface Combination {
  item: Record<string, unknown>;
  labels: string[];
}

/**
 * The copies of matrix stage `name`, the first list varying slowest. A plain value names itself
 * in the copy's name; a mapping or list value is named by its list's name and position (`cfg0`).
 * Each list may be `${key}` naming a list in params.yaml. Failures are pushed and yield no copies.
 */
export function matrixCopies(name: string, matrix: Record<string, unknown>, ctx: CopyContext): StageCopy[] {
  const before = ctx.failures.length;
  const error = (message: string, path: PathSegment[]) => ctx.failures.push(ctx.source.failureAtPath('foreach', message, path));
  const lists: [string, unknown[]][] = [];
  for (const [variable, value] of Object.entries(matrix)) {
    const what = `matrix entry '${variable}' of stage '${name}'`;
    const list = itemsOf(what, value, ['stages', name, 'matrix', variable], 'a list', ctx);
    if (!list) continue;
    const seen = new Set<string>();
    (list.items as unknown[]).forEach((v, i) => {
      const label = labelOf(variable, v, i);
      if (!isStageKey(label)) error(`value ${JSON.stringify(label)} of ${what} cannot name a stage: ${KEY_RULE}`, list.itemPath(i));
      else if (seen.has(label)) error(`value ${JSON.stringify(label)} appears twice in ${what}`, list.itemPath(i));
      seen.add(label);
    });
    lists.push([variable, list.items as unknown[]]);
  }
  if (ctx.failures.length > before) return [];
  // values holding '-' can still make two combinations one name (a-b + c, a + b-c)
  const named = new Map<string, Record<string, unknown>>();
  for (const { key, item } of matrixCombinations(lists)) {
    const other = named.get(key);
    if (other) {
      const message = `combinations ${JSON.stringify(other)} and ${JSON.stringify(item)} of the matrix of stage '${name}' would both be stage '${name}@${key}': change a value that holds '-'`;
      ctx.failures.push(ctx.source.failureAtPath('foreach', message, ['stages', name], 'matrix'));
    }
    named.set(key, item);
  }
  if (ctx.failures.length > before) return [];
  return [...named].map(([key, item]) => ({ name: `${name}@${key}`, vars: { item, key } }));
}

/** Every combination of the lists' values, the first list varying slowest, keyed as matrixCopies names them. */
export function matrixCombinations(lists: [string, unknown[]][]): { key: string; item: Record<string, unknown> }[] {
  let combos: Combination[] = [{ item: {}, labels: [] }];
  for (const [variable, values] of lists) {
    combos = combos.flatMap((c) => values.map((v, i) => ({ item: { ...c.item, [variable]: v }, labels: [...c.labels, labelOf(variable, v, i)] })));
  }
  return combos.map((c) => ({ key: c.labels.join('-'), item: c.item }));
}

/** A value's part of a copy's name: itself, or for a mapping or list, its list's name and position. */
function labelOf(variable: string, value: unknown, position: number): string {
  return value !== null && typeof value === 'object' ? `${variable}${position}` : String(value);
}
