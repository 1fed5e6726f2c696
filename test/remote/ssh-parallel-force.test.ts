// Transfers over one ssh:// connection run side by side (the server sees several SFTP requests
// open at once), and `push --force` replaces objects and run entries already on the remote: plain
// SFTP RENAME refuses an existing target (OpenSSH's sftp-server, and this test server), so the
// upload renames over it after removing it. A damaged remote copy is replaced by the good one, and
// no temp file is left.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { snapshot } from './helpers.js';
import { sshEnv, startSsh } from './ssh-server.js';

test('many objects go over one connection with several requests in flight; push --force replaces what is there', async () => {
  const server = await startSsh();
  const url = server.url('/r');
  const files: Record<string, string> = {};
  for (let i = 0; i < 24; i++) files[`data/f${i}.txt`] = `file ${i}\n`.repeat(100 + i);
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', ...files, 'pipe.config.yaml': `remote: ${url}\n` });
  expect((await rig.run('add', 'data')).code).toBe(0);
  const env = sshEnv(server);
  const push = await rig.runWith({ env }, 'push');
  expect([push.code, push.stderr]).toEqual([0, '']);
  expect(push.stdout).toMatch(new RegExp(`^pushed 25 objects \\([\\d.]+ KiB\\) and 0 run-cache entries to ${url}; already on the remote`));
  expect(server.maxInFlight()).toBeGreaterThan(1);

  // damage one copy on the server (same size), then push --force: every object sent again over the old ones
  const objects = path.join(server.dir, 'r/objects');
  const shard = fs.readdirSync(objects)[0] ?? '';
  const victim = path.join(objects, shard, fs.readdirSync(path.join(objects, shard))[0] ?? '');
  const good = fs.readFileSync(victim);
  fs.writeFileSync(victim, Buffer.alloc(good.length, 0x78));
  const renames = server.requests.filter((r) => r === 'RENAME').length;
  const forced = await rig.runWith({ env }, 'push', '--force');
  expect([forced.code, forced.stderr]).toEqual([0, '']);
  expect(forced.stdout).toMatch(new RegExp(`^pushed 25 objects \\([\\d.]+ KiB\\) and 0 run-cache entries to ${url}; already on the remote: 0 objects`));
  expect(fs.readFileSync(victim)).toEqual(good);
  // each object: a refused rename, a removal, the rename again
  expect(server.requests.filter((r) => r === 'RENAME').length - renames).toBe(50);
  expect(Object.keys(snapshot(path.join(server.dir, 'r'))).filter((f) => path.basename(f).startsWith('.tmp-'))).toEqual([]);
});

test('a server offering posix-rename@openssh.com: push --force renames over the old copies in one request each', async () => {
  const server = await startSsh({ posixRename: true });
  const url = server.url('/r');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data/a.txt': 'a\n', 'data/b.txt': 'b\n', 'pipe.config.yaml': `remote: ${url}\n` });
  expect((await rig.run('add', 'data')).code).toBe(0);
  const env = sshEnv(server);
  expect((await rig.runWith({ env }, 'push')).code).toBe(0);
  const forced = await rig.runWith({ env }, 'push', '--force');
  expect([forced.code, forced.stderr]).toEqual([0, '']);
  expect(forced.stdout).toMatch(new RegExp(`^pushed 3 objects \\(\\d+ B\\) and 0 run-cache entries to ${url}; already on the remote: 0 objects and 0 run-cache entries\n$`));
  expect(server.requests.filter((r) => r === 'EXTENDED').length).toBe(6);
  expect(server.requests.filter((r) => r === 'RENAME' || r === 'REMOVE')).toEqual([]);
});
