// push -a: an object another branch needs that is neither in the local cache nor on the remote is
// named with its branch, the rest is pushed, and the exit code is 1 (as for the workspace's).
import { expect, test } from 'vitest';
import { git, remoteObjects, twoBranches } from './all-revisions-helpers.js';

test('push -a names what another branch needs and this clone lacks', { timeout: 90_000 }, async () => {
  const { rig, remote } = await twoBranches();
  const raw = git(rig.dir, 'show', 'other:raw.txt.pipe').match(/hash: (\S+)/)?.[1] ?? '';
  rig.remove(`cache/objects/${raw.slice(0, 2)}/${raw.slice(2)}`);
  const r = await rig.run('push', '-a');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    1,
    `pushed 2 objects (11 B) and 0 run-cache entries to ${remote} for the workspace and 2 branches; already on the remote: 0 objects and 0 run-cache entries\n`,
    `error: object ${raw} (raw.txt, on branch other) is neither in the local cache nor on the remote ${remote}; nothing to push for it (check out branch other and run \`pipe pull -r <remote>\` there from another remote that holds it, else \`pipe add\` on the data)\n`,
  ]);
  expect(remoteObjects(remote).length).toBe(2);
});
