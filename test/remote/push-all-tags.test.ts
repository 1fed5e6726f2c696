// `pipe push -T` (DVC's --all-tags): what every tag's committed pipeline.lock and .pipe files name
// goes too; a tagged commit no branch holds any more is covered, and -a alone does not cover it.
import { expect, test } from 'vitest';
import { git, remoteObjects, twoBranches } from './all-revisions-helpers.js';

test('push -T sends what a tag needs that no branch does', { timeout: 90_000 }, async () => {
  const { rig, remote } = await twoBranches();
  git(rig.dir, 'tag', '-a', '-m', 'v1', 'v1', 'other');
  git(rig.dir, 'branch', '-q', '-D', 'other');

  const branches = await rig.run('push', '-a');
  expect([branches.code, branches.stdout, branches.stderr]).toEqual([0, `pushed 1 object (5 B) and 0 run-cache entries to ${remote} for the workspace and 1 branch; already on the remote: 0 objects and 0 run-cache entries\n`, '']);
  expect(remoteObjects(remote).length).toBe(1);

  const tags = await rig.run('push', '-T');
  expect([tags.code, tags.stdout, tags.stderr]).toEqual([0, `pushed 2 objects (15 B) and 0 run-cache entries to ${remote} for the workspace and 1 tag; already on the remote: 1 object and 0 run-cache entries\n`, '']);
  expect(remoteObjects(remote).length).toBe(3);
});
