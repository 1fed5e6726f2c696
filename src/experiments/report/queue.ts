// `pipe exp queue`: the queued, running and finished temp experiments as one table, oldest first.
import type { FinishedRun } from '../temp-finished.js';
import type { TempState } from '../temp-workspace.js';
import { isInterruption } from '../../reporters/exit-codes.js';
import { shortTime } from './exp.js';
import { renderText } from './table.js';

export function renderQueue(states: TempState[], finished: FinishedRun[]): string {
  // a run is filed as finished a moment before its worktree goes: read in between, both say it is
  // there, and the finished record is the later word (an interrupted one requeued files none)
  const done = new Set(finished.map((run) => run.id));
  const rows = [
    ...states.filter(({ entry }) => !done.has(entry.id)).map(({ entry, runningPid }) => ({ ...entry, status: runningPid !== undefined ? `running (pid ${runningPid})` : 'queued' })),
    ...finished.map((run) => ({ ...run, status: finishedStatus(run.exitCode) })),
  ]
    .sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : 1))
    .map((r) => [r.name ?? r.id, r.status, shortTime(r.created), r.stages.length > 0 ? r.stages.join(' ') : '(all)', runOptions(r)]);
  return renderText({ headers: ['Experiment', 'Status', 'Queued', 'Stages', 'Run options'], rows });
}

/** The `exp run` options the entry was queued with, as typed: `-f` (its repro runs up-to-date stages too), then each `-S`. */
function runOptions(r: { sets: string[]; force?: true }): string {
  return [...(r.force === true ? ['-f'] : []), ...r.sets.map((s) => `-S ${s}`)].join(' ');
}

/** A temp run stopped by Ctrl-C or `kill` was interrupted, not failed. */
function finishedStatus(code: number): string {
  return code === 0 ? 'success' : isInterruption(code) ? 'interrupted' : `failed (exit ${code})`;
}
