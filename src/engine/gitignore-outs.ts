// After each stage that ran or was restored, and before any stage after it hashes its deps: its
// cached outputs (and cache/, .pipe/) into git's ignore lists (src/stores/gitignore.ts). Done
// here rather than after the whole run, because a .gitignore written into a folder that a later
// stage reads (`data/members/.gitignore`, the ensemble's dep) must be there when that folder is
// hashed, or the next status would see it changed. One stage at a time, even with -j. Stages
// that were up to date are looked at too, so a line lost since (a reverted .gitignore, a branch
// switch, an `rm -rf` of an output's folder) comes back; gitignored.json makes that a few stats.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GitignoreSession, type GitTracked } from '../stores/gitignore.js';
import { quoteIn } from './cmd-quote.js';

export { forgetIgnored, inGitWorkTree, pathsLookedAt, unignorePlan, type GitignoreEdit } from '../stores/gitignore.js';
import type { EventSink } from './events.js';
import { stageOutputs, type StageSpec } from './types.js';

const why = (p: string, other = 'an output pipe keeps in its cache') => (p === 'cache' ? "pipe's object cache" : p === '.pipe' ? "pipe's local state" : other);

/**
 * Before any stage: cache/ and .pipe/ into git's ignore list, so that a first repro whose first
 * stage fails (nothing ran to completion) does not leave .pipe/ for a `git add -A` to commit.
 */
export async function ignoreStateDirs(root: string, emit: EventSink): Promise<void> {
  if (process.env.PIPE_GITIGNORE === '0') return;
  const tracked = await ignoreWithNotes(new GitignoreSession(root), [], emit, why);
  // a folder of the user's own by that name: pipe's objects and state would land among its files
  for (const { path: dir } of tracked) {
    emit({ type: 'warning', message: `git tracks files in ${dir}/, the folder pipe keeps its ${dir === '.pipe' ? 'state' : 'object cache'} in, so it was not added to .gitignore: pipe's files there will show as untracked; move your files out of ${dir}/ and add /${dir} to .gitignore` });
  }
}

/** What `gitignoreKeeper` returns: called after a stage, and `before` one that runs or is restored. */
export interface GitignoreKeeper {
  (stage: StageSpec, only?: ReadonlySet<string>): Promise<void>;
  /**
   * Before a stage runs or is restored: the warning for each of its cached outputs git tracks,
   * given now rather than once the run has removed the output from the workspace; the call after
   * the stage then does not repeat it.
   */
  before(stage: StageSpec): Promise<void>;
}

/**
 * After a stage ran, was restored or was up to date (`pipe repro`), or its outputs were checked out
 * (`only`: those of its outputs that are in the workspace): its cached outputs into git's ignore
 * lists, a warning for each git tracks, and the line pipe wrote for an output now `cache: false`
 * taken out, so that git sees the file meant for it.
 */
export function gitignoreKeeper(root: string, emit: EventSink): GitignoreKeeper {
  // PIPE_GITIGNORE=0: a temp experiment's worktree, deleted after the run, needs no .gitignore
  if (process.env.PIPE_GITIGNORE === '0') return Object.assign(async () => {}, { before: async () => {} });
  const session = new GitignoreSession(root);
  let chain: Promise<void> = Promise.resolve();
  // `<stage>\0<path>`: warned of before the stage, not again after it
  const warned = new Set<string>();
  const queue = (work: () => Promise<void>): Promise<void> => {
    const next = chain.then(work);
    chain = next;
    return next;
  };
  const keeper = (stage: StageSpec, only?: ReadonlySet<string>) =>
    queue(async () => {
      const outs = stageOutputs(stage).filter((o) => only === undefined || only.has(o.path));
      const cached = outs.filter((o) => o.cache).map((o) => o.path);
      const gitTracked = await ignoreWithNotes(session, cached, emit, why, stage.name);
      for (const t of gitTracked.filter((g) => cached.includes(g.path))) {
        if (warned.delete(`${stage.name}\0${t.path}`)) continue;
        emit({ type: 'warning', stage: stage.name, message: gitTrackedWarning(t, STAGE_INSTEAD) });
      }
      try {
        for (const r of await session.release(outs.filter((o) => !o.cache).map((o) => o.path))) {
          emit({ type: 'note', message: `${r.file}: removed /${r.path.split('/').pop()} (now \`cache: false\`: git keeps it)` });
        }
      } catch (err) {
        emit({ type: 'warning', stage: stage.name, message: `could not update .gitignore: ${(err as Error).message}` });
      }
    });
  const before = (stage: StageSpec) =>
    queue(async () => {
      for (const w of await trackedWarnings(session, stage)) {
        warned.add(`${stage.name}\0${w.path}`);
        emit({ type: 'warning', stage: stage.name, message: w.text });
      }
    });
  return Object.assign(keeper, { before });
}

/** What a stage's output git tracks is told to do instead. */
const STAGE_INSTEAD = 'commit pipeline.lock instead, or declare it `cache: false` to keep it in git';

/** The warnings for `stage`'s cached outputs git tracks (none when it tracks none, or outside git). */
async function trackedWarnings(session: GitignoreSession, stage: StageSpec): Promise<{ path: string; text: string }[]> {
  const cached = stageOutputs(stage).filter((o) => o.cache).map((o) => o.path);
  if (cached.length === 0) return [];
  try {
    return (await session.trackedAmong(cached)).map((t) => ({ path: t.path, text: gitTrackedWarning(t, STAGE_INSTEAD) }));
  } catch {
    return []; // said after the run instead, where a failure to look is a warning of its own
  }
}

/**
 * `pipe status` and `repro --dry`: for each of `stages` (those that would run or be restored), the
 * warnings its cached outputs that git tracks would get, by stage name (read-only: gitignored.json's
 * answers, git where they are stale). All asked at once: one `git ls-files` for every stale answer,
 * where one per stage made a never-run pipeline of 10,000 stages start 10,000 git processes. Stages
 * that are up to date are not passed, so a no-op status costs the same.
 */
export async function gitTrackedForeseen(root: string, stages: StageSpec[]): Promise<Map<string, string[]>> {
  const byStage = new Map<string, string[]>();
  if (process.env.PIPE_GITIGNORE === '0') return byStage;
  const cached = stages.map((stage) => ({ stage, outs: stageOutputs(stage).filter((o) => o.cache).map((o) => o.path) }));
  const all = cached.flatMap((c) => c.outs);
  if (all.length === 0) return byStage;
  let tracked: GitTracked[];
  try {
    tracked = await new GitignoreSession(root).trackedAmong(all);
  } catch {
    return byStage; // said by the repro instead, where a failure to look is a warning of its own
  }
  const byPath = new Map(tracked.map((t) => [t.path, t]));
  for (const { stage, outs } of cached) {
    // in path order, as trackedAmong gives one stage's
    const texts = [...outs].sort().flatMap((p) => {
      const t = byPath.get(p);
      return t === undefined ? [] : [gitTrackedWarning(t, STAGE_INSTEAD)];
    });
    if (texts.length > 0) byStage.set(stage.name, [...new Set(texts)]);
  }
  return byStage;
}

/**
 * Of `paths`, those git tracks (or tracks files in), read-only (gitignored.json's answers, git
 * where they are stale): a dropped foreach item's `cache: false` metrics committed to git are
 * left in place rather than deleted. None outside a git work tree, or when git cannot be asked.
 */
export async function gitTrackedPaths(root: string, paths: string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  try {
    return new Set((await new GitignoreSession(root).trackedAmong(paths)).map((t) => t.path));
  } catch {
    return new Set();
  }
}

/**
 * The warning for a path pipe keeps in its cache that git tracks too (`pipe add`'s data, a
 * stage's output): the files git tracks and the command that stops it, as `dvc add` and `dvc
 * repro` say when they refuse the same; `instead` says what to commit.
 */
function gitTrackedWarning(t: GitTracked, instead: string): string {
  return `${gitTrackedWhat(t)}, so it was not added to a .gitignore: run \`git rm -r --cached '${quoteIn('single', t.path)}'\` and ${instead}`;
}

/** `git tracks data/raw (data/raw/a.csv, 2 more)`: the path and some of the files git tracks there. */
function gitTrackedWhat(t: GitTracked): string {
  const inside = t.files.filter((f) => f !== t.path);
  const more = t.count - t.files.length;
  return `git tracks ${inside.length === 0 ? t.path : `${t.path} (${inside.join(', ')}${more > 0 ? `, ${more} more` : ''})`}`;
}

/**
 * `pipe stage add`: the new stage's cached outputs into git's ignore lists before it runs. One
 * whose folder does not exist yet (`-o new/model.bin`) gets its line when a repro makes it.
 */
export async function ignoreDeclared(root: string, stage: StageSpec, emit: EventSink): Promise<void> {
  if (process.env.PIPE_GITIGNORE === '0') return;
  const outs = stageOutputs(stage).filter((o) => o.cache && existsSync(join(root, dirname(o.path)))).map((o) => o.path);
  await ignoreWithNotes(new GitignoreSession(root), outs, emit, why, stage.name);
}

/**
 * `pipe add`: the added paths (and cache/, .pipe/) into git's ignore lists; the .pipe files beside
 * them are what is committed. Data git tracks gets its line too (git ignores nothing it tracks,
 * so the line only acts once the `git rm -r --cached` the warning asks for is done: a `git add -A`
 * after it then leaves the data out, with no pipe command in between to write the line).
 */
export async function ignoreAdded(root: string, paths: string[], emit: EventSink): Promise<void> {
  if (process.env.PIPE_GITIGNORE === '0') return;
  const gitTracked = await ignoreWithNotes(new GitignoreSession(root), paths, emit, (p) => why(p, `data \`pipe add\` keeps in its cache; commit ${p}.pipe instead`), undefined, true);
  // as `dvc add` refuses data git tracks: said, not refused, since the cache already holds it
  for (const t of gitTracked.filter((g) => paths.includes(g.path))) {
    const dir = dirname(t.path);
    const line = `/${t.path.split('/').pop() ?? t.path} line in ${dir === '.' ? '' : `${dir}/`}.gitignore`;
    emit({ type: 'warning', message: `${gitTrackedWhat(t)}, which the ${line} does not stop: run \`git rm -r --cached '${quoteIn('single', t.path)}'\` (the line then keeps it out of git) and commit ${t.path}.pipe instead` });
  }
}

/** One note per line written; a failure to write is a warning, never the command's failure. */
/** Returns the paths left alone because git tracks them. */
async function ignoreWithNotes(session: GitignoreSession, paths: string[], emit: EventSink, reason: (p: string) => string, stage?: string, evenIfTracked = false): Promise<GitTracked[]> {
  try {
    const { added, gitTracked } = await session.ensure(paths, { evenIfTracked });
    for (const a of added) emit({ type: 'note', message: `${a.file}: added /${a.path.split('/').pop()} (${reason(a.path)})` });
    return gitTracked;
  } catch (err) {
    emit({ type: 'warning', ...(stage !== undefined ? { stage } : {}), message: `could not update .gitignore: ${(err as Error).message}` });
    return [];
  }
}
