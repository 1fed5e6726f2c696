// A git project for the `push/fetch/pull -a/-T/-A` tests: branch `main` whose stage makes
// out.txt = MAIN, and branch `other` whose stage makes OTHER and which also tracks raw.txt
// (`pipe add`). Both committed and in the local cache; main checked out; the remote empty. The
// run-cache is emptied: a plain push sends every entry with its outputs, which would hide what
// -a adds.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';
import { makeRig, type Rig } from '../rig.js';
import { snapshot, tempDir } from './helpers.js';

export const git = (dir: string, ...args: string[]): string => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, encoding: 'utf8' });

export async function twoBranches(): Promise<{ rig: Rig; remote: string }> {
  const remote = path.join(tempDir(), 'remote');
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  up:\n    cmd: tr a-z A-Z < in.txt > out.txt\n    deps: [in.txt]\n    outs: [out.txt]\n',
    'pipe.config.yaml': `remote: ${remote}\nrecord: false\n`,
    'in.txt': 'main\n',
  });
  git(rig.dir, 'init', '-q', '-b', 'main');
  expect((await rig.run('repro')).code).toBe(0);
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-q', '-m', 'main');
  git(rig.dir, 'checkout', '-q', '-b', 'other');
  rig.write({ 'in.txt': 'other\n', 'raw.txt': 'raw data\n' });
  expect((await rig.run('repro')).code).toBe(0);
  expect((await rig.run('add', 'raw.txt')).code).toBe(0);
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-q', '-m', 'other');
  git(rig.dir, 'checkout', '-q', 'main');
  expect((await rig.run('checkout')).code).toBe(0);
  rig.remove('cache/runs');
  return { rig, remote };
}

/** The object files on the remote (run-cache entries left out), by name. */
export function remoteObjects(remote: string): string[] {
  return Object.keys(snapshot(remote)).filter((k) => !k.startsWith('runs/'));
}
