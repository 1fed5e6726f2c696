// Runs one temp experiment (an entry of temp-workspace.ts, claimed by this process): `pipe
// repro` in its worktree, its records copied back, the worktree removed. A queued experiment
// that was interrupted stays queued, worktree and all, so `pipe exp queue start` can run it again.
import { existsSync } from 'node:fs';
import { appendFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { EXPERIMENTS_DIR } from './schema.js';
import { CACHE_DIR } from '../stores/layout.js';
import { CACHE_DIR_ENV, cacheRoot } from '../stores/cache-location.js';
import { checkout, readTrackingFiles } from '../engine/index.js';
import { isInterruption } from '../reporters/exit-codes.js';
import { runPipe } from './pipe-child.js';
import { recordFinished } from './temp-finished.js';
import { copyRecordsBack, discard, keepForLater, liveLogPath, worktreeProject, type TempEntry } from './temp-workspace.js';

export interface TempRunResult {
  exitCode: number;
  /** ids of the records the run wrote, now in the workspace's metrics/experiments/ */
  recordIds: string[];
  /** interrupted and still queued */
  requeued: boolean;
  /** its worktree was deleted from outside: it could not run, and is off the queue */
  gone?: string;
}

export async function runTempEntry(root: string, entry: TempEntry): Promise<TempRunResult> {
  // recorded under the id the queue showed (`pipe exp queue`, the worktree's name, its log)
  const args = ['repro', '--record', ...(entry.force === true ? ['-f'] : []), ...(entry.name !== null ? ['--exp-name', entry.name] : []), '--exp-id', entry.id, ...entry.stages];
  const log = liveLogPath(root, entry.id);
  const started = new Date().toISOString();
  if (!existsSync(worktreeProject(entry))) {
    await appendFile(log, `# ${started} its worktree ${worktreeProject(entry)} is gone: not run\n`);
    await recordFinished(root, entry, { started, exitCode: 1, records: [] });
    await discard(root, entry);
    return { exitCode: 1, recordIds: [], requeued: false, gone: worktreeProject(entry) };
  }
  // a run interrupted and started again adds to the same log
  await appendFile(log, `# ${started} pipe ${args.join(' ')} (in ${worktreeProject(entry)})\n`);
  // the checkout runs in this process, on the worktree: it must read this project's cache, not
  // the one the worktree's own config files would name (a relative `cache.dir` resolves there)
  if (!process.env[CACHE_DIR_ENV]) process.env[CACHE_DIR_ENV] = cacheRoot(root);
  await checkoutTracked(worktreeProject(entry), log);
  await forgetEarlierRecord(entry);
  // a folder watcher started for a worktree about to be deleted would only idle, and .gitignore
  // lines written there would go with it
  // PIPE_PARENT_PID: the run stops if this process is killed outright (it alone would clean up)
  // PIPE_CACHE_DIR: the worktree's link to this project's cache (temp-workspace.ts), whatever
  // `cache.dir` the worktree's own config files say
  const exitCode = await runPipe(worktreeProject(entry), args, { PIPE_WATCH: '0', PIPE_GITIGNORE: '0', PIPE_PARENT_PID: String(process.pid), [CACHE_DIR_ENV]: join(worktreeProject(entry), CACHE_DIR) }, log);
  const recordIds = await copyRecordsBack(root, entry);
  await appendFile(log, `# ${new Date().toISOString()} exit code ${exitCode}${recordIds.length > 0 ? `, recorded ${recordIds.join(', ')}` : ''}\n`);
  if (entry.queued && isInterruption(exitCode)) {
    await keepForLater(root, entry, recordIds);
    return { exitCode, recordIds, requeued: true };
  }
  await recordFinished(root, entry, { started, exitCode, records: recordIds });
  await discard(root, entry);
  return { exitCode, recordIds, requeued: false };
}

/**
 * Data `pipe add` tracks is in the worktree only as its committed .pipe file (the data itself is
 * git-ignored): put it there from the shared cache before the repro, as `dvc exp run --temp`
 * does. What cannot be restored is left to the repro, whose missing-dep error says what to do.
 */
async function checkoutTracked(project: string, log: string): Promise<void> {
  const found = readTrackingFiles(project, new Set());
  if (!found.ok || found.value.length === 0) return;
  const r = await checkout(project, found.value.map((t) => t.file), { cwd: project });
  const restored = r.items.filter((i) => i.status === 'restored').map((i) => i.path);
  if (restored.length > 0) await appendFile(log, `# restored tracked data from the cache: ${restored.join(', ')}\n`);
}

/**
 * A run interrupted after a stage finished recorded the entry's id already, and that record was
 * copied back: taken out of the worktree (and of what it held before), the record of this run,
 * under the same id, is then copied back over it; a run that records nothing leaves it as it was.
 */
async function forgetEarlierRecord(entry: TempEntry): Promise<void> {
  const own = `${entry.id}.json`;
  if (!entry.before.includes(own)) return;
  await rm(join(worktreeProject(entry), EXPERIMENTS_DIR, own), { force: true });
  entry.before = entry.before.filter((n) => n !== own);
}

/** How an entry is named in messages: its name, else its id. */
export function entryLabel(entry: TempEntry): string {
  return entry.name ?? entry.id;
}
