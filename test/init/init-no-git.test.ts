// `pipe init` outside a git repository: the project is made, a note says there is no git, and no
// .gitignore is written; a later `git init` and `pipe repro` add the lines.
import { expect, test } from 'vitest';
import { initRepo } from '../add/helpers.js';
import { makeRig } from '../rig.js';

test('notes the missing repository and writes no .gitignore until git is there', async () => {
  const rig = makeRig();
  const r = await rig.run('init');
  expect(r.code).toBe(0);
  expect(r.stderr).toBe(
    `note: ${rig.dir} is not in a git repository: commit pipeline.yaml and pipeline.lock with whatever keeps your code; after \`git init\`, \`pipe repro\` adds cache/ and .pipe/ to .gitignore\n`,
  );
  expect(r.stdout).toContain('  created pipeline.yaml (no stages yet)\nNext:\n');
  expect(rig.exists('.gitignore')).toBe(false);
  initRepo(rig.dir);
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n');
});
