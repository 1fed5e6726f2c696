// An SFTP server that stops answering behind an SSH connection that stays up (keepalives answered,
// so they never end it): each SFTP request is waited on for twice $PIPE_SSH_TIMEOUT_MS at most
// without an answer or progress (a server silent altogether is found by keepalives before that),
// then the push or pull stops with one error naming the host and what the request was doing,
// exit 2, no stack, and the process ends.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { sshEnv, startSsh } from './ssh-server.js';

const hint = 'hint: check the server (its disk, its sftp-server), then run the command again (what was transferred is kept); pipe waits twice $PIPE_SSH_TIMEOUT_MS (in ms, default 20000) (the remote named by --remote)\n';

test('a push to an SFTP server that hangs mid-push stops after twice $PIPE_SSH_TIMEOUT_MS without an answer', async () => {
  // request 1 looks at the remote's folder (there); the push's first listing is left unanswered
  const server = await startSsh({ stallAtRequest: 2 });
  fs.mkdirSync(path.join(server.dir, 'r'));
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data/a.txt': 'a\n' });
  expect((await rig.run('add', 'data')).code).toBe(0);
  const started = Date.now();
  const push = await rig.runWith({ env: sshEnv(server, { PIPE_SSH_TIMEOUT_MS: '900' }), timeoutMs: 20_000 }, 'push', '-r', server.url('/r'));
  const took = Date.now() - started;
  expect([push.code, push.stdout, push.stderr]).toEqual([
    2,
    '',
    `error: cannot use remote ${server.url('/r')}: pipe@127.0.0.1:${server.port} gave no answer for 1.8 s (listing /r/objects): its SSH connection was up, its SFTP server stopped responding\n${hint}`,
  ]);
  expect(took).toBeGreaterThanOrEqual(1800);
  expect(took).toBeLessThan(15_000);
});

test('a pull from one that hangs at the first request, or before it, stops the same way', async () => {
  const never = await startSsh({ stallAtRequest: 0 });
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  const start = await rig.runWith({ env: sshEnv(never, { PIPE_SSH_TIMEOUT_MS: '900' }), timeoutMs: 20_000 }, 'pull', '-r', never.url('/r'));
  expect([start.code, start.stdout, start.stderr]).toEqual([
    2,
    '',
    `error: cannot use remote ${never.url('/r')}: pipe@127.0.0.1:${never.port} gave no answer for 1.8 s (starting SFTP): its SSH connection was up, its SFTP server stopped responding\n${hint}`,
  ]);
  const server = await startSsh({ stallAtRequest: 1 });
  const pull = await rig.runWith({ env: sshEnv(server, { PIPE_SSH_TIMEOUT_MS: '900' }), timeoutMs: 20_000 }, 'pull', '-r', server.url('/r'));
  expect([pull.code, pull.stdout, pull.stderr]).toEqual([
    2,
    '',
    `error: cannot use remote ${server.url('/r')}: pipe@127.0.0.1:${server.port} gave no answer for 1.8 s (looking at /r): its SSH connection was up, its SFTP server stopped responding\n${hint}`,
  ]);
});
