// The project the "diff fetches a revision's files from the remote" tests share: a git project
// whose HEAD~1 ran with `lr: 1` and HEAD with `lr: 2`, then `pipe gc -w` leaves this cache without
// HEAD~1's outputs, as a fresh clone of HEAD has. Each test says when (and where) it pushes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import type { Rig } from '../rig.js';

export const git = (dir: string, ...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

/** no remote from the caller's environment */
export const env = { PIPE_REMOTE: '' };

/** one stage writing a cached metrics file `m.json` from `lr` */
export const METRIC_PIPELINE = 'stages:\n  t:\n    cmd: >-\n      echo "{\\"acc\\": ${lr}}" > m.json\n    params: [lr]\n    metrics: [m.json]\n';

/** what metrics diff says when HEAD~1's m.json is in neither cache (before why fetching failed) */
export const NOT_IN_CACHE = `note: m.json at HEAD~1 is not in the local cache (that revision's pipeline.lock names it; \`pipe gc\` removes what it does not keep): with that revision checked out, \`pipe fetch\` or \`pipe pull\` brings it from the remote if it was pushed`;

/** A folder remote, `storage`, made the project's default; removed when the test ends. */
export async function addDefaultRemote(rig: Rig): Promise<string> {
  const remote = mkdtempSync(join(tmpdir(), 'pipe-remote-'));
  onTestFinished(() => rmSync(remote, { recursive: true, force: true }));
  expect((await rig.runWith({ env }, 'remote', 'add', '-d', 'storage', remote)).code).toBe(0);
  return remote;
}

/** `pipe push` with `args`, which must succeed. */
export async function push(rig: Rig, ...args: string[]): Promise<void> {
  expect((await rig.runWith({ env }, 'push', ...args)).code).toBe(0);
}

/** In a git repository: HEAD~1 with `lr: 1`, HEAD with `lr: 2`, each reproduced; then `gc -w`. */
export async function twoRevisions(rig: Rig, steps: { afterFirst?: () => Promise<void>; afterSecond?: () => Promise<void> } = {}): Promise<void> {
  if (!rig.exists('.git')) gitInit(rig);
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  await steps.afterFirst?.();
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-qm', 'lr 1');
  rig.write({ 'params.yaml': 'lr: 2\n' });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  git(rig.dir, 'commit', '-qam', 'lr 2');
  await steps.afterSecond?.();
  expect((await rig.run('gc', '-w', '-f')).code).toBe(0);
}

export function gitInit(rig: Rig): void {
  git(rig.dir, 'init', '-q', '-b', 'main');
  git(rig.dir, 'config', 'user.email', 't@example.com');
  git(rig.dir, 'config', 'user.name', 't');
}
