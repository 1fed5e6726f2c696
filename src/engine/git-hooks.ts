// `pipe install` (DVC's `dvc install`): git hooks that run pipe where a git command leaves the
// workspace short of what pipe records. post-checkout: `pipe checkout` after a checkout of a
// branch (git has brought another pipeline.lock and .pipe files; the data they name comes from the
// cache). pre-commit: `pipe status`, a reminder of stages to repro or commit (it never stops the
// commit). pre-push: `pipe push`, so what a pushed pipeline.lock names is on the remote too (a
// failed push stops the git push, as in DVC).
//
// Each hook is a small shell script marked as pipe's; a hook file that is not pipe's is never
// replaced: the line to add to it is given instead.
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './store-adapter.js';

/** The first line after the shebang of every hook pipe writes: how a later install knows its own. */
export const HOOK_MARK = '# written by `pipe install`';

export const HOOKS = ['post-checkout', 'pre-commit', 'pre-push'] as const;
export type HookName = (typeof HOOKS)[number];

export interface HookPlan {
  /** the folder git runs hooks from (core.hooksPath or .git/hooks), absolute */
  hooksDir: string;
  /** the project's folder relative to the repository's top level (`''` at the top, `sub/` below) */
  prefix: string;
  /** how the hooks start pipe when the project has no node_modules/.bin/pipe: this very binary */
  fallback: { node: string; bin: string };
}

export interface InstallResult {
  written: HookName[];
  /** pipe's own hooks that were there already, the same */
  unchanged: HookName[];
  /** hooks that are not pipe's: left alone, with the line that would run pipe from them */
  foreign: { hook: HookName; path: string; line: string }[];
  failures: { hook: HookName; path: string; message: string }[];
}

/** What each hook runs, and when. */
const PLAN: Record<HookName, { args: string; when: string; why: string; blocks: boolean }> = {
  // $3 = 1: a branch or commit was checked out, not files; a detached HEAD is left alone so
  // that a rebase in progress is not disturbed (as DVC's hook does)
  'post-checkout': {
    args: 'checkout',
    when: '[ "$3" = "1" ] || exit 0\n[ "$(git rev-parse --abbrev-ref HEAD)" != "HEAD" ] || exit 0\n',
    why: 'brings the data the checked-out pipeline.lock and .pipe files name out of the cache',
    blocks: false,
  },
  // a reminder only: a pipeline.yaml being mended must not stop its own commit
  'pre-commit': { args: 'status', when: '', why: 'says which stages would run or be restored before you commit', blocks: false },
  'pre-push': { args: 'push', when: '', why: 'sends what pipeline.lock names to the remote before git pushes it', blocks: true },
};

/** The hook's text: start in the project's folder, do nothing where this commit has no pipeline.yaml. */
export function hookText(hook: HookName, plan: HookPlan): string {
  const { args, when, why, blocks } = PLAN[hook];
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return (
    '#!/bin/sh\n' +
    `${HOOK_MARK}: runs \`pipe ${args}\` (${why}). Remove this file to stop it.\n` +
    `cd "$(git rev-parse --show-toplevel)"/${q(plan.prefix)} 2>/dev/null || exit 0\n` +
    '[ -f pipeline.yaml ] || exit 0\n' +
    when +
    `if [ -x node_modules/.bin/pipe ]; then set -- node_modules/.bin/pipe; else set -- ${q(plan.fallback.node)} ${q(plan.fallback.bin)}; fi\n` +
    (blocks ? `exec "$@" ${args}\n` : `"$@" ${args}\nexit 0\n`)
  );
}

export async function installHooks(plan: HookPlan): Promise<InstallResult> {
  const result: InstallResult = { written: [], unchanged: [], foreign: [], failures: [] };
  for (const hook of HOOKS) {
    const path = join(plan.hooksDir, hook);
    const text = hookText(hook, plan);
    if (existsSync(path)) {
      let old: string;
      try {
        old = readFileSync(path, 'utf8');
      } catch (err) {
        result.failures.push({ hook, path, message: (err as Error).message });
        continue;
      }
      if (!old.split('\n').slice(0, 3).some((l) => l.startsWith(HOOK_MARK))) {
        result.foreign.push({ hook, path, line: `pipe ${PLAN[hook].args}` });
        continue;
      }
      if (old === text) {
        result.unchanged.push(hook);
        continue;
      }
    }
    try {
      await mkdir(plan.hooksDir, { recursive: true });
      await writeFileAtomic(path, text);
      await chmod(path, 0o755);
      result.written.push(hook);
    } catch (err) {
      result.failures.push({ hook, path, message: (err as Error).message });
    }
  }
  return result;
}
