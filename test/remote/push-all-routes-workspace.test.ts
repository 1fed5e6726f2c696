// push -a routes every revision's outputs by the workspace's pipeline.yaml (by output path): once
// main marks out.txt `push: false`, the other branch's out.txt stays off the remote too, said once;
// the other branch's tracked raw.txt is pushed.
import { expect, test } from 'vitest';
import { git, remoteObjects, twoBranches } from './all-revisions-helpers.js';

test("push -a follows the workspace's push: false for another branch's output", { timeout: 90_000 }, async () => {
  const { rig, remote } = await twoBranches();
  rig.write({ 'pipeline.yaml': 'stages:\n  up:\n    cmd: tr a-z A-Z < in.txt > out.txt\n    deps: [in.txt]\n    outs:\n      - out.txt: {push: false}\n' });
  git(rig.dir, 'commit', '-q', '-am', 'out.txt stays local');
  const r = await rig.run('push', '-a');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    `pushed 1 object (9 B) and 0 run-cache entries to ${remote} for the workspace and 2 branches; already on the remote: 0 objects and 0 run-cache entries\n`,
    'note: not pushed: 1 output marked `push: false` in pipeline.yaml (out.txt)\n',
  ]);
  expect(remoteObjects(remote).length).toBe(1);
});
