// `pipe init` in a subfolder of a project: a nested project of its own, said in a note; commands
// run in it use its pipeline.yaml from then on.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('notes the project above; the new one is the one commands below it use', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  outer:\n    cmd: echo outer > outer.txt\n    outs: [outer.txt]\n', 'sub/keep.txt': '' });
  const r = await rig.runWith({ cwd: 'sub' }, 'init');
  expect(r.code).toBe(0);
  expect(r.stderr).toBe(
    `note: ${rig.dir} holds a pipeline.yaml too: this folder is now a project of its own (nested), and pipe commands run in it or below it use its pipeline.yaml, not that one\n` +
      `note: ${rig.dir}/sub is not in a git repository: commit pipeline.yaml and pipeline.lock with whatever keeps your code; after \`git init\`, \`pipe repro\` adds cache/ and .pipe/ to .gitignore\n`,
  );
  expect(r.stdout).toContain(`Initialized a pipe project in ${rig.dir}/sub:\n`);
  expect(rig.exists('sub/pipeline.yaml')).toBe(true);
  const list = await rig.runWith({ cwd: 'sub' }, 'stage', 'list');
  expect([list.code, list.stdout]).toEqual([0, 'No stages in pipeline.yaml yet: add one with `pipe stage add`.\n']);
  // the project above is as it was
  expect((await rig.run('stage', 'list')).stdout).toBe('outer  outputs: outer.txt\n');
});
