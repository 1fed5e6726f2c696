// A push to a folder remote removes the `.tmp-*` uploads dead pushes left there more than a day
// ago (a note counts them); a younger one, which may be a concurrent push's, is left alone.
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('push removes temp uploads older than a day and keeps a recent one', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data.txt': 'data\n' });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  const shard = join(rig.dir, 'remote', 'objects', 'ab');
  mkdirSync(shard, { recursive: true });
  const old = join(shard, `.tmp-${'c'.repeat(62)}-4897-1796674913927`);
  writeFileSync(old, 'partial');
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
  utimesSync(old, twoDaysAgo, twoDaysAgo);
  const live = `.tmp-${'d'.repeat(62)}-4898-1796674913999`;
  writeFileSync(join(shard, live), 'in flight');

  const r = await rig.run('push', '-r', './remote');
  expect([r.code, r.stderr]).toEqual([0, `note: removed 1 temp file older than a day from ${join(rig.dir, 'remote')}: uploads of pushes that were interrupted\n`]);
  expect(readdirSync(shard)).toEqual([live]);
  // nothing left to sweep: no note
  expect((await rig.run('push', '-r', './remote')).stderr).toBe('');
});
