// After each stage that ran or was restored, and before any stage after it hashes its deps: its
// cached outputs (and cache/, .pipe/) into git's ignore lists (src/stores/gitignore.ts). Done
// here rather than after the whole run, because a .gitignore written into a folder that a later
// stage reads (`data/members/.gitignore`, the ensemble's dep) must be there when that folder is
// hashed, or the next status would see it changed. One stage at a time, even with -j.
import { ignoreInGit } from '../stores/gitignore.js';
import type { EventSink } from './events.js';
import { stageOutputs, type StageSpec } from './types.js';

const why = (p: string) => (p === 'cache' ? "pipe's object cache" : p === '.pipe' ? "pipe's local state" : 'an output pipe keeps in its cache');

/**
 * Before any stage: cache/ and .pipe/ into git's ignore list, so that a first repro whose first
 * stage fails (nothing ran to completion) does not leave .pipe/ for a `git add -A` to commit.
 */
export async function ignoreStateDirs(root: string, emit: EventSink): Promise<void> {
  if (process.env.PIPE_GITIGNORE === '0') return;
  try {
    const { added } = await ignoreInGit(root, []);
    for (const a of added) emit({ type: 'note', message: `${a.file}: added /${a.path.split('/').pop()} (${why(a.path)})` });
  } catch (err) {
    emit({ type: 'warning', message: `could not update .gitignore: ${(err as Error).message}` });
  }
}

export function gitignoreKeeper(root: string, emit: EventSink): (stage: StageSpec) => Promise<void> {
  // PIPE_GITIGNORE=0: a temp experiment's worktree, deleted after the run, needs no .gitignore
  if (process.env.PIPE_GITIGNORE === '0') return async () => {};
  let chain: Promise<void> = Promise.resolve();
  return (stage) => {
    const next = chain.then(async () => {
      const outs = stageOutputs(stage).filter((o) => o.cache).map((o) => o.path);
      try {
        const { added } = await ignoreInGit(root, outs);
        for (const a of added) emit({ type: 'note', message: `${a.file}: added /${a.path.split('/').pop()} (${why(a.path)})` });
      } catch (err) {
        emit({ type: 'warning', stage: stage.name, message: `could not update .gitignore: ${(err as Error).message}` });
      }
    });
    chain = next;
    return next;
  };
}
