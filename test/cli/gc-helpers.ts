// Shared by the gc tests that need git history: a one-stage project (`train` writes
// `model ${lr}`, counted) in a git repository on branch main, lr 1's result committed.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { counted, makeRig, type Rig } from '../rig.js';

export const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

/** The cache's object files, sorted: compared before and after a gc that must remove nothing. */
export const objects = (rig: Rig) => readdirSync(join(rig.dir, 'cache/objects'), { recursive: true }).map(String).sort();

/** main with lr 1's result committed; `reproArgs` are given to that first `pipe repro`. */
export async function committedLr1(...reproArgs: string[]): Promise<Rig> {
  const rig = makeRig({
    'params.yaml': 'lr: 1\n',
    'pipeline.yaml': `stages:\n  train:\n    cmd: ${JSON.stringify(counted('train', 'echo "model ${lr}" > model.bin'))}\n    params: [lr]\n    outs: [model.bin]\n`,
  });
  git(rig.dir, 'init', '-q', '-b', 'main');
  git(rig.dir, 'config', 'user.email', 't@example.com');
  git(rig.dir, 'config', 'user.name', 't');
  expect((await rig.run('repro', ...reproArgs)).code).toBe(0);
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-qm', 'lr 1');
  return rig;
}
