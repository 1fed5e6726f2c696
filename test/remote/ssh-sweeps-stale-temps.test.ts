// Over ssh:// as for a folder remote: a push removes the `.tmp-*` uploads left on the server more
// than a day ago (by SFTP's modification time), and leaves a younger one alone.
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { sshEnv, startSsh } from './ssh-server.js';

test('push over ssh removes temp uploads older than a day and keeps a recent one', async () => {
  const server = await startSsh();
  const remote = server.url('/srv/pipe/project');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data.txt': 'data\n', 'pipe.config.yaml': `remote: ${remote}\n` });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  const shard = path.join(server.dir, 'srv/pipe/project/objects/ab');
  mkdirSync(shard, { recursive: true });
  const old = path.join(shard, `.tmp-${'c'.repeat(62)}-4897-0a0b0c0d`);
  writeFileSync(old, 'partial');
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
  utimesSync(old, twoDaysAgo, twoDaysAgo);
  const live = `.tmp-${'d'.repeat(62)}-4898-0e0f0a0b`;
  writeFileSync(path.join(shard, live), 'in flight');

  const r = await rig.runWith({ env: sshEnv(server) }, 'push');
  expect([r.code, r.stderr]).toEqual([0, `note: removed 1 temp file older than a day from ${remote}: uploads of pushes that were interrupted\n`]);
  expect(readdirSync(shard)).toEqual([live]);
});
