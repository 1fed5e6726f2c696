// What is kept of a temp or queued experiment once it has run: its output (the log `pipe repro`
// wrote in its worktree) and how it ended, in the project's .pipe/exps/done/. The worktree is
// gone by then; this is what `pipe exp queue` lists as success/failed and `pipe exp queue logs`
// prints, until `pipe exp queue remove --done` clears it (as `dvc queue remove --success --failed`).
import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readIfExists, writeFileAtomic } from './files.js';
import { liveLogPath, tempStateDir, type TempEntry } from './temp-workspace.js';

/** What the entry said of the experiment, and how its last run went. */
export interface FinishedRun extends Pick<TempEntry, 'id' | 'name' | 'stages' | 'sets' | 'created' | 'queued' | 'force'> {
  started: string;
  finished: string;
  exitCode: number;
  /** ids of the records it brought back into metrics/experiments/ */
  records: string[];
}

function doneDir(root: string): string {
  return join(tempStateDir(root), 'done');
}

export function finishedLogPath(root: string, id: string): string {
  return join(doneDir(root), `${id}.log`);
}

function finishedPath(root: string, id: string): string {
  return join(doneDir(root), `${id}.json`);
}

/**
 * Files the run as finished: its description first, then its log, so a reader that sees the
 * description finds the whole log at one of the two paths (`queue logs --follow` relies on it).
 */
export async function recordFinished(root: string, entry: TempEntry, run: { started: string; exitCode: number; records: string[] }): Promise<void> {
  const finished: FinishedRun = {
    id: entry.id,
    name: entry.name,
    stages: entry.stages,
    sets: entry.sets,
    created: entry.created,
    queued: entry.queued,
    // as in the entry: only when `exp run -f` was given, so a file without it reads as before
    ...(entry.force === true ? { force: true as const } : {}),
    started: run.started,
    finished: new Date().toISOString(),
    exitCode: run.exitCode,
    records: run.records,
  };
  await writeFileAtomic(finishedPath(root, entry.id), `${JSON.stringify(finished, null, 2)}\n`);
  try {
    await rename(liveLogPath(root, entry.id), finishedLogPath(root, entry.id));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** The finished runs, oldest first. */
export async function listFinished(root: string): Promise<FinishedRun[]> {
  let names: string[];
  try {
    names = await readdir(doneDir(root));
  } catch {
    return [];
  }
  const runs: FinishedRun[] = [];
  for (const n of names.filter((x) => x.endsWith('.json') && !x.startsWith('.')).sort()) {
    try {
      runs.push(JSON.parse((await readIfExists(join(doneDir(root), n))) ?? '') as FinishedRun);
    } catch {
      continue; // written atomically, so only a hand-damaged file: skipped, not guessed at
    }
  }
  return runs.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : 1));
}

export async function isFinished(root: string, id: string): Promise<boolean> {
  return (await readIfExists(finishedPath(root, id))) !== undefined;
}

export async function removeFinished(root: string, id: string): Promise<void> {
  await rm(finishedLogPath(root, id), { force: true });
  await rm(finishedPath(root, id), { force: true });
}
