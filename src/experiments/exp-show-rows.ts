// Which rows `pipe exp show` lists, as DVC lays them out: `workspace` (the params and metrics
// files as they are now), then each baseline commit (its committed params and metrics, named by
// its branch, a tag, or its short id) followed by the experiments recorded on it. Every commit
// with experiments is listed, HEAD's first (DVC's `-A/--all-commits`, pipe's default): records
// are committed with the code, and a commit of them moves HEAD past the commit they ran on, so
// DVC's default (HEAD alone) would hide them. `-n N`: the last N commits of HEAD alone (`-n 1`:
// DVC's default). Workspace and baseline rows are records made up for the table (exp-table.ts).
import { refuse, success, type Outcome } from './failure.js';
import { commitDate, currentBranch, lastCommits, refTips, resolveCommit } from './git.js';
import { findBackend } from './record.js';
import { SCHEMA_VERSION, type ExperimentRecord } from './schema.js';
import { resolveSnapshot, WORKSPACE } from './snapshot.js';
import type { ProjectState } from './workspace.js';

export type RowType = 'workspace' | 'baseline' | 'experiment';

/** How one row of the table stands: what it is, the commit it is or ran on, its group. */
export interface RowMeta {
  type: RowType;
  /** full commit id: the baseline's, or the one the experiment ran on; null for the workspace and where none */
  rev: string | null;
  /** rows sort within their group only: the workspace, then one per baseline */
  group: number;
  /** an experiment listed under a baseline row (drawn `├──` in text) */
  nested: boolean;
  /** for workspace and baseline rows: the name shown (the experiment's own otherwise) */
  label?: string;
}

export interface ShowRowsOptions {
  /** the last N commits of HEAD only (default: every commit with experiments) */
  num?: number;
  /** baselines named by short commit id, never by branch */
  sha?: boolean;
  /** leave out experiments that failed or were interrupted */
  hideFailed?: boolean;
}

export interface ShowRows {
  records: ExperimentRecord[];
  meta: RowMeta[];
  notes: string[];
}

const WANT = { params: true, metrics: true, lenient: true } as const;

/**
 * The rows, or undefined outside git and before the first commit: with no commit to be a
 * baseline (DVC's experiments need one), every record is listed as it is, oldest first.
 */
export async function showRows(root: string, all: ExperimentRecord[], opts: ShowRowsOptions): Promise<Outcome<ShowRows | undefined>> {
  const head = (await resolveCommit(root, 'HEAD')) ?? null;
  if (opts.num !== undefined && head === null) {
    return refuse('-n/--num counts commits back from HEAD, and this project has none (outside git, or before the first commit)', { hint: 'leave -n out: `pipe exp show` lists every experiment', exitCode: 2 });
  }
  if (head === null) return success(undefined);
  const notes: string[] = [];
  const failed = (r: ExperimentRecord): boolean => r.stages.some((s) => s.outcome === 'failed' || s.outcome === 'interrupted');
  const records = opts.hideFailed === true ? all.filter((r) => !failed(r)) : all;
  const revOf = (r: ExperimentRecord): string | null => r.git?.rev ?? null;

  let commits: string[];
  if (opts.num !== undefined) commits = await lastCommits(root, opts.num);
  else {
    // HEAD first, then the other commits by their newest experiment, newest first
    const newest = new Map<string, string>();
    for (const r of records) {
      const rev = revOf(r);
      if (rev !== null && rev !== head && r.created >= (newest.get(rev) ?? '')) newest.set(rev, r.created);
    }
    commits = [head, ...[...newest].sort((a, b) => (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0)).map(([rev]) => rev)];
  }

  const out: ShowRows = { records: [], meta: [], notes };
  const ws = await resolveSnapshot(root, WORKSPACE, WANT);
  if (ws.ok) {
    out.records.push(madeUp(WORKSPACE, '', ws.value.state));
    out.meta.push({ type: 'workspace', rev: null, group: 0, nested: false, label: WORKSPACE });
  } else notes.push(`workspace: not shown, ${ws.failure.where === undefined ? '' : `${ws.failure.where}: `}${ws.failure.message}`);

  const names = opts.sha === true ? new Map<string, string>() : await branchNames(root, head);
  let group = 1;
  for (const commit of commits) {
    const label = names.get(commit) ?? commit.slice(0, 7);
    const snap = await resolveSnapshot(root, commit, WANT);
    if (!snap.ok) notes.push(`${label}: its params and metrics cannot be read (${snap.failure.message}), shown as -`);
    const created = (await commitDate(root, commit)) ?? '';
    out.records.push(snap.ok ? madeUp(`baseline:${commit}`, created, snap.value.state) : madeUp(`baseline:${commit}`, created));
    out.meta.push({ type: 'baseline', rev: commit, group, nested: false, label });
    for (const r of records.filter((x) => revOf(x) === commit)) {
      out.records.push(r);
      out.meta.push({ type: 'experiment', rev: commit, group, nested: true });
    }
    group++;
  }
  // records with no commit (made before the first) after the commits, flat; not with -n
  const shown = new Set(commits);
  const loose = records.filter((r) => revOf(r) === null && opts.num === undefined);
  for (const r of loose) {
    out.records.push(r);
    out.meta.push({ type: 'experiment', rev: null, group, nested: false });
  }
  const left = records.filter((r) => !loose.includes(r) && !shown.has(revOf(r) ?? ''));
  const before = left.filter((r) => revOf(r) === null).length;
  const other = left.length - before;
  if (left.length > 0) {
    const one = left.length === 1;
    const where = [...(other > 0 ? [`${other} recorded on ${other === 1 ? 'an older commit' : 'older commits'}`] : []), ...(before > 0 ? [`${before} before the first commit`] : [])].join(' and ');
    notes.push(`experiments not shown: ${where}; \`pipe exp show\` without -n shows ${one ? 'it' : 'them'}`);
  }
  return success(out);
}

/** Commit → the name DVC gives its row: HEAD's branch, else a branch, else a tag pointing there. */
async function branchNames(root: string, head: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const branch = await currentBranch(root);
  if (branch !== undefined) names.set(head, branch);
  for (const t of [...((await refTips(root, 'heads')) ?? []), ...((await refTips(root, 'tags')) ?? [])]) if (!names.has(t.commit)) names.set(t.commit, t.name);
  return names;
}

/** A record standing for the workspace or a commit: its params and metrics, nothing run. */
function madeUp(id: string, created: string, state?: ProjectState): ExperimentRecord {
  const metrics = state?.metrics ?? {};
  return {
    schema_version: SCHEMA_VERSION,
    id,
    name: null,
    created,
    git: null,
    pipe_version: '',
    backend: findBackend(metrics),
    params: state?.params ?? null,
    other_params: state?.otherParams ?? {},
    metrics,
    plots: {},
    stages: [],
    pipeline_lock: null,
    uncached_outs: {},
  };
}
