// A queued run is filed as finished a moment before its worktree is removed: a `pipe exp queue`
// read in between sees it both running and finished. It is listed once, as finished.
import { expect, test } from 'vitest';
import { renderQueue } from '../../src/experiments/report/queue.js';
import type { FinishedRun } from '../../src/experiments/temp-finished.js';
import type { TempEntry } from '../../src/experiments/temp-workspace.js';

function entry(id: string, name: string, created: string): TempEntry {
  return { id, name, stages: [], sets: ['p=2'], created, queued: true, top: '/x', prefix: '', before: [] };
}

test('an entry both running and finished is one row, the finished one', () => {
  const shift = entry('20261207-175100-aaaa', 'shift4', '2026-12-07T17:51:00.000Z');
  const next = entry('20261207-175200-bbbb', 'next', '2026-12-07T17:52:00.000Z');
  const done: FinishedRun = { ...shift, started: '2026-12-07T17:51:05.000Z', finished: '2026-12-07T17:53:00.000Z', exitCode: 0, records: ['r1'] };
  const text = renderQueue([{ entry: shift, runningPid: 13643 }, { entry: next }], [done]);
  const rows = text.split('\n').filter((l) => l !== '').slice(1).map((l) => l.split(/\s{2,}/).slice(0, 2));
  expect(rows).toEqual([
    ['shift4', 'success'],
    ['next', 'queued'],
  ]);
  expect(text).not.toContain('running');
});
