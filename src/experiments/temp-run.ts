// Runs one temp experiment (an entry of temp-workspace.ts, claimed by this process): `pipe
// repro` in its worktree, its records copied back, the worktree removed. A queued experiment
// that was interrupted stays queued, worktree and all, so `pipe exp queue start` can run it again.
import { EXIT } from '../reporters/exit-codes.js';
import { runPipe } from './pipe-child.js';
import { copyRecordsBack, discard, keepForLater, worktreeProject, type TempEntry } from './temp-workspace.js';

export interface TempRunResult {
  exitCode: number;
  /** ids of the records the run wrote, now in the workspace's metrics/experiments/ */
  recordIds: string[];
  /** interrupted and still queued */
  requeued: boolean;
}

/** Ctrl-C, or `kill`: the child's own exit code for it, or 128 + SIGTERM when it was killed outright. */
function interrupted(code: number): boolean {
  return code === EXIT.interrupted || code === 128 + 15 || code === 128 + 1;
}

export async function runTempEntry(root: string, entry: TempEntry): Promise<TempRunResult> {
  const args = ['repro', ...(entry.name !== null ? ['--exp-name', entry.name] : []), ...entry.stages];
  // a folder watcher started for a worktree about to be deleted would only idle
  const exitCode = await runPipe(worktreeProject(entry), args, { PIPE_WATCH: '0' });
  const recordIds = await copyRecordsBack(root, entry);
  if (entry.queued && interrupted(exitCode)) {
    await keepForLater(root, entry, recordIds);
    return { exitCode, recordIds, requeued: true };
  }
  await discard(root, entry);
  return { exitCode, recordIds, requeued: false };
}

/** How an entry is named in messages: its name, else its id. */
export function entryLabel(entry: TempEntry): string {
  return entry.name ?? entry.id;
}
