// A stage whose output a `.pipe` file also tracks (written by hand, or before `pipe stage add`
// refused it) makes every command exit 2; `pipe remove STAGE` is how to mend it, so it is checked
// against the stages that stay, and the .gitignore line the tracked data needs stays.
import { expect, test } from 'vitest';
import { initRepo } from '../add/helpers.js';
import { makeRig } from '../rig.js';

test('removing the stage that clashes with tracked data works and keeps the data ignored', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'z.txt': 'z\n' });
  initRepo(rig.dir);
  expect((await rig.run('add', 'z.txt')).code).toBe(0);
  rig.write({ 'pipeline.yaml': 'stages:\n  over:\n    cmd: echo new > z.txt\n    outs: [z.txt]\n' });
  const stuck = await rig.run('status');
  expect([stuck.code, stuck.stderr.split('\n')[0]]).toEqual([
    2,
    "error: z.txt.pipe:1:1: z.txt.pipe tracks 'z.txt', which is output 'z.txt' of stage 'over' (pipeline.yaml:4:12); a path is either added data or a stage's output: delete z.txt.pipe, or take the output out of pipeline.yaml (`pipe remove over` removes the stage)",
  ]);
  const r = await rig.run('remove', 'over');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    "Removed stage 'over' from pipeline.yaml; its outputs (z.txt) stay in the workspace, and the cache keeps them until `pipe gc`\n",
    '',
  ]);
  expect(rig.read('pipeline.yaml')).toBe('stages:\n');
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n/z.txt\n');
  const s = await rig.run('status');
  expect([s.code, s.stdout]).toEqual([0, 'Everything is up to date.\n']);
});
