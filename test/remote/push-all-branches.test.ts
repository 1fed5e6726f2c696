// `pipe push -a` (DVC's --all-branches): the objects every branch's committed pipeline.lock and
// .pipe files name go to the remote, not only the workspace's (team audit CI finding 6).
import { expect, test } from 'vitest';
import { remoteObjects, twoBranches } from './all-revisions-helpers.js';

test('push -a sends what every branch needs; plain push only the workspace', { timeout: 90_000 }, async () => {
  const { rig, remote } = await twoBranches();
  const plain = await rig.run('push');
  expect([plain.code, plain.stdout, plain.stderr]).toEqual([0, `pushed 1 object (5 B) and 0 run-cache entries to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n`, '']);
  const one = remoteObjects(remote);
  expect(one.length).toBe(1);

  const all = await rig.run('push', '-a');
  expect([all.code, all.stdout, all.stderr]).toEqual([0, `pushed 2 objects (15 B) and 0 run-cache entries to ${remote} for the workspace and 2 branches; already on the remote: 1 object and 0 run-cache entries\n`, '']);
  expect(remoteObjects(remote).length).toBe(3);
});
