// Taking the project's repro lock (.pipe/repro.lock) for a command that changes the workspace,
// pipeline.lock or the cache: every such command comes through here. Once it holds the lock it
// stops the stage processes a SIGKILLed `pipe repro` left running (.pipe/running/, orphans.ts),
// with a note each: a checkout, commit or gc must not restore or record outputs that such a
// stage overwrites seconds later. A refusal names the holder's pid and the pipe command it runs.
import type { EventSink } from './events.js';
import type { Failure } from './failure.js';
import { lockHolderWords } from './lock-holder.js';
import { OrphanRegistry } from './orphans.js';
import { acquireReproLock, reproLockHolder, type ReproLock } from './store-adapter.js';

export type ProjectLock = { ok: true; lock: ReproLock } | { ok: false; lockedBy: number; failure: Failure };

export interface ProjectLockOptions {
  /** how long to wait for a live holder (ms); default 0: one try */
  waitMs?: number;
  /** where the notes about stopped stage processes go */
  emit?: EventSink;
}

export async function lockProject(root: string, options: ProjectLockOptions = {}): Promise<ProjectLock> {
  const acquired = await acquireReproLock(root, { waitMs: options.waitMs ?? 0 });
  if (!acquired.ok) {
    const pid = acquired.lockedBy;
    return { ok: false, lockedBy: pid, failure: { kind: 'locked', message: `${root} is locked by pid ${pid} (${lockHolderWords(pid)}); try again when it is done` } };
  }
  reapLeftStages(root, options.emit);
  return { ok: true, lock: acquired.lock };
}

/**
 * For `pipe status`, which takes no lock: the stage processes a killed repro left running, as
 * warnings (none while a live repro holds the lock: they are its own). Costs one readdir of an
 * absent folder on the usual no-op path.
 */
export function leftRunningWarnings(root: string): string[] {
  const running = new OrphanRegistry(root).running();
  if (running.length === 0 || reproLockHolder(root) !== undefined) return [];
  return running.map(({ pgid, stage }) => `a stage process left running by a \`pipe repro\` that was killed is still running (pid ${pgid}${stage === undefined ? '' : `, stage '${stage}'`}): it may still write its outputs; the next \`pipe repro\`, \`checkout\`, \`commit\`, \`gc\` or \`pull\` stops it first`);
}

/** Stops what a killed run left running; call only while holding the lock. */
export function reapLeftStages(root: string, emit: EventSink = () => {}): void {
  for (const { pgid, stage } of new OrphanRegistry(root).reap()) {
    const which = stage === undefined ? '' : `, stage '${stage}'`;
    emit({ type: 'note', message: `stopped a stage process left running by a \`pipe repro\` that was killed (pid ${pgid}${which}); its outputs are as that run left them (\`pipe status\` says what to rerun)` });
  }
}
