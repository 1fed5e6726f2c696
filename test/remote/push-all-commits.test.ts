// `pipe push -A` (DVC's --all-commits): what pipeline.lock names in every commit goes, also an
// older commit's output on the checked-out branch, which -a (branch tips) leaves out.
import { expect, test } from 'vitest';
import { git, remoteObjects, twoBranches } from './all-revisions-helpers.js';

test('push -A sends what every commit needs', { timeout: 90_000 }, async () => {
  const { rig, remote } = await twoBranches();
  // main moves on: its first commit's MAIN is needed only by that commit
  rig.write({ 'in.txt': 'later\n' });
  expect((await rig.run('repro', '-q')).code).toBe(0);
  git(rig.dir, 'commit', '-q', '-am', 'later');

  const branches = await rig.run('push', '-a');
  expect([branches.code, branches.stdout]).toEqual([0, `pushed 3 objects (21 B) and 1 run-cache entry to ${remote} for the workspace and 2 branches; already on the remote: 0 objects and 0 run-cache entries\n`]);
  expect(remoteObjects(remote).length).toBe(3);

  const all = await rig.run('push', '-A');
  expect([all.code, all.stdout, all.stderr]).toEqual([0, `pushed 1 object (5 B) and 0 run-cache entries to ${remote} for the workspace and 3 commits; already on the remote: 3 objects and 1 run-cache entry\n`, '']);
  expect(remoteObjects(remote).length).toBe(4);
});
