// `pipe exp queue`: the queued, running and finished temp experiments as one table, oldest first.
import type { FinishedRun } from '../temp-finished.js';
import type { TempState } from '../temp-workspace.js';
import { isInterruption } from '../../reporters/exit-codes.js';
import { shortTime } from './exp.js';
import { renderText } from './table.js';

export function renderQueue(states: TempState[], finished: FinishedRun[]): string {
  const rows = [
    ...states.map(({ entry, runningPid }) => ({ ...entry, status: runningPid !== undefined ? `running (pid ${runningPid})` : 'queued' })),
    ...finished.map((run) => ({ ...run, status: finishedStatus(run.exitCode) })),
  ]
    .sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : 1))
    .map((r) => [r.name ?? r.id, r.status, shortTime(r.created), r.stages.length > 0 ? r.stages.join(' ') : '(all)', r.sets.map((s) => `-S ${s}`).join(' ')]);
  return renderText({ headers: ['Experiment', 'Status', 'Queued', 'Stages', 'Params set'], rows });
}

/** A temp run stopped by Ctrl-C or `kill` was interrupted, not failed. */
function finishedStatus(code: number): string {
  return code === 0 ? 'success' : isInterruption(code) ? 'interrupted' : `failed (exit ${code})`;
}
