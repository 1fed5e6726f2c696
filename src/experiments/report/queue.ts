// `pipe exp queue`: the queued and running temp experiments as a table.
import type { TempState } from '../temp-workspace.js';
import { shortTime } from './exp.js';
import { renderText } from './table.js';

export function renderQueue(states: TempState[]): string {
  const rows = states.map(({ entry, runningPid }) => [
    entry.name ?? entry.id,
    runningPid !== undefined ? `running (pid ${runningPid})` : 'queued',
    shortTime(entry.created),
    entry.stages.length > 0 ? entry.stages.join(' ') : '(all)',
    entry.sets.map((s) => `-S ${s}`).join(' '),
  ]);
  return renderText({ headers: ['Experiment', 'Status', 'Queued', 'Stages', 'Params set'], rows });
}
