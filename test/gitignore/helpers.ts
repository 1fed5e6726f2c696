// Shared by the .gitignore tests: a project in git whose first repro has run and been committed,
// the state each test then changes (a pipeline edit, a revert, an rm -rf).
import { expect } from 'vitest';
import { git, initRepo } from '../add/helpers.js';
import { makeRig, type Rig } from '../rig.js';

export async function committedRun(pipeline: string): Promise<Rig> {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  initRepo(rig.dir);
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-qm', 'first run');
  return rig;
}
