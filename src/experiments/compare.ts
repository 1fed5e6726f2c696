// `metrics diff` and `params diff`: resolve both sides, flatten, diff. Params are params.yaml and
// every other params file a stage names, each under its own path; lists stay whole values.
import { diffFiles, type DiffResult } from './diff.js';
import { success, type Outcome } from './failure.js';
import { flattenParams, type Flat } from './flatten.js';
import { resolveSnapshot, type Snapshot } from './snapshot.js';
import { PARAMS_FILE } from './workspace.js';
import { keepUnder } from './targets.js';

export type CompareWhat = 'metrics' | 'params';

export interface Comparison extends DiffResult {
  labels: { a: string; b: string };
  /** both sides name the same thing (`params diff HEAD HEAD`): labels.b then ends in ` (B)` */
  same: boolean;
}

/** `targets`: project-relative metrics (params) files or folders compared instead of the declared ones (targets.ts). */
export async function compare(root: string, what: CompareWhat, refA: string, refB: string, targets?: string[]): Promise<Outcome<Comparison>> {
  const want = { metrics: what === 'metrics', params: what === 'params', ...(targets !== undefined ? { targets } : {}) };
  const usage = `pipe ${what} diff A B`;
  const a = await resolveSnapshot(root, refA, want, usage);
  if (!a.ok) return a;
  const b = await resolveSnapshot(root, refB, want, usage);
  if (!b.ok) return b;
  const labels = { a: a.value.label, b: b.value.label };
  const same = labels.a === labels.b;
  // the table's two columns need two names
  if (same) labels.b = `${labels.b} (B)`;
  const result = diffFiles(sideOf(a.value, what, targets), sideOf(b.value, what, targets), labels, { a: a.value.absent, b: b.value.absent });
  return success({ ...result, labels, same, notes: [...a.value.notes, ...b.value.notes, ...result.notes] });
}

function sideOf(s: Snapshot, what: CompareWhat, targets: string[] | undefined): Record<string, Flat | null> {
  if (what === 'metrics') return s.state.metrics;
  const files: Record<string, Flat | null> = { [PARAMS_FILE]: s.state.params === undefined ? null : flattenParams(s.state.params) };
  for (const [path, data] of Object.entries(s.state.otherParams)) files[path] = data === null ? null : flattenParams(data);
  // params.yaml is always read, and a record holds every params file of its run: only those under a target
  return targets === undefined ? files : keepUnder(files, targets);
}
