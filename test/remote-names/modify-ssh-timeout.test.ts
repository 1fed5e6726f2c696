// A remote's `timeout_ms` option wins over $PIPE_SSH_TIMEOUT_MS for that remote: a server that
// freezes mid-push is given up on after the option's silence, not the variable's.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { sshEnv, startSsh } from '../remote/ssh-server.js';

test('timeout_ms 900 ends the push after about that much silence, with $PIPE_SSH_TIMEOUT_MS at 60 s', async () => {
  const server = await startSsh({ freezeAtRequest: 3 });
  const url = server.url('/r');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data.txt': 'd\n', 'pipe.config.yaml': `remotes:\n  nas:\n    url: ${url}\n    timeout_ms: 900\nremote: nas\n` });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  const started = Date.now();
  const push = await rig.runWith({ env: sshEnv(server, { PIPE_SSH_TIMEOUT_MS: '60000' }) }, 'push');
  expect([push.code, push.stdout]).toEqual([2, '']);
  expect(push.stderr.split('\n')[0]).toBe(`error: pipe.config.yaml:3:10: cannot use remote nas (${url}): the connection to pipe@127.0.0.1:${server.port} was lost (Keepalive timeout)`);
  expect(Date.now() - started).toBeLessThan(30_000);
});
