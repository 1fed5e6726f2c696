// Shared by the `pipe diff` tests: a rig project in a git repository with two stages run and
// committed, and the hash pipe gives a text.
import { expect } from 'vitest';
import { git, initRepo, sha256 } from '../add/helpers.js';
import { counted, makeRig, type Rig } from '../rig.js';

export { git, sha256 };

/** Stage `a` writes a.txt from params.yaml's `a`; stage `b` writes b.txt. */
export const TWO_STAGES = [
  'stages:',
  '  a:',
  `    cmd: ${counted('a', 'echo ${a} > a.txt')}`,
  '    params: [a]',
  '    outs: [a.txt]',
  '  b:',
  `    cmd: ${counted('b', 'echo b > b.txt')}`,
  '    outs: [b.txt]',
  '',
].join('\n');

/** A project run once and committed, with every file of it (outputs git ignores). */
export async function committedRig(files: Record<string, string> = { 'pipeline.yaml': TWO_STAGES, 'params.yaml': 'a: 1\n' }): Promise<Rig> {
  const rig = makeRig(files);
  initRepo(rig.dir);
  const r = await rig.run('repro');
  expect(r.code, r.stderr).toBe(0);
  commit(rig, 'first');
  return rig;
}

export function commit(rig: Rig, message: string): void {
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-q', '-m', message);
}
