// An ssh:// server that goes away in the middle of a pull: one error naming the remote and that
// the connection was lost, exit 2, no stack, the process ends; nothing half-written enters the
// cache, and the pull run again against a server that stays completes it. A server that freezes
// (the connection open, nothing answered) is given up on by SSH keepalives after about
// $PIPE_SSH_TIMEOUT_MS.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { objectsDir } from '../../src/stores/layout.js';
import { sshEnv, startSsh } from './ssh-server.js';

test('a connection dropped mid-pull is one clear error; the pull run again completes', async () => {
  const good = await startSsh();
  const files: Record<string, string> = {};
  for (let i = 0; i < 12; i++) files[`data/f${i}.txt`] = `file ${i}\n`.repeat(50);
  const origin = makeRig({ 'pipeline.yaml': 'stages: {}\n', ...files });
  expect((await origin.run('add', 'data')).code).toBe(0);
  expect((await origin.runWith({ env: sshEnv(good) }, 'push', '-r', good.url('/r'))).code).toBe(0);

  // the same folder behind a server that drops the connection at its 20th SFTP request
  const flaky = await startSsh({ dropAtRequest: 20 });
  fs.cpSync(path.join(good.dir, 'r'), path.join(flaky.dir, 'r'), { recursive: true });
  const clone = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data.pipe': origin.read('data.pipe') });
  const cut = await clone.runWith({ env: sshEnv(flaky) }, 'pull', '-r', flaky.url('/r'));
  expect([cut.code, cut.stdout]).toEqual([2, '']);
  expect(cut.stderr).toMatch(new RegExp(`^error: cannot use remote ${flaky.url('/r')}: the connection to pipe@127\\.0\\.0\\.1:${flaky.port} was lost \\([^\\n]*\\)\nhint: check the network and run the command again \\(what was transferred is kept\\) \\(the remote named by --remote\\)\n$`));
  // whatever arrived is whole: each object in the cache hashes to its name (pull would have said otherwise)
  const kept = fs.existsSync(objectsDir(clone.dir)) ? fs.readdirSync(objectsDir(clone.dir)).flatMap((s) => fs.readdirSync(path.join(objectsDir(clone.dir), s))) : [];
  expect(kept.filter((f) => f.startsWith('.tmp-'))).toEqual([]);

  const again = await clone.runWith({ env: sshEnv(good) }, 'pull', '-r', good.url('/r'));
  expect([again.code, again.stderr]).toEqual([0, '']);
  expect(clone.read('data/f11.txt')).toBe(files['data/f11.txt']);
});

test('a server that freezes mid-push is given up on after about $PIPE_SSH_TIMEOUT_MS of silence', async () => {
  const server = await startSsh({ freezeAtRequest: 12 });
  const files: Record<string, string> = {};
  for (let i = 0; i < 12; i++) files[`data/f${i}.txt`] = `file ${i}\n`;
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', ...files });
  expect((await rig.run('add', 'data')).code).toBe(0);
  const started = Date.now();
  const push = await rig.runWith({ env: sshEnv(server, { PIPE_SSH_TIMEOUT_MS: '900' }) }, 'push', '-r', server.url('/r'));
  const took = Date.now() - started;
  expect([push.code, push.stdout]).toEqual([2, '']);
  expect(push.stderr).toBe(`error: cannot use remote ${server.url('/r')}: the connection to pipe@127.0.0.1:${server.port} was lost (Keepalive timeout)\nhint: check the network and run the command again (what was transferred is kept) (the remote named by --remote)\n`);
  // 3 unanswered keepalives 300 ms apart, plus the CLI's start (seconds on a loaded machine)
  expect(took).toBeGreaterThanOrEqual(900);
  expect(took).toBeLessThan(15_000);
});
