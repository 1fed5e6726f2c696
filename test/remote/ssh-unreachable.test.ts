// An ssh:// remote that cannot be reached: a closed port (the server gone) and a server that
// accepts the connection and never speaks (timed out after $PIPE_SSH_TIMEOUT_MS) are one clear
// failure each, exit 2, no stack; the command ends (no connection left holding the process).
import net from 'node:net';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { sshEnv, startSsh } from './ssh-server.js';

test('a server gone (connection refused) and one that never answers (timeout) are named, with what to check', async () => {
  const server = await startSsh();
  const url = server.url('/r');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data.txt': 'd\n', 'pipe.config.yaml': `remote: ${url}\n` });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  const env = sshEnv(server);
  expect((await rig.runWith({ env }, 'push')).code).toBe(0);
  await server.close();
  for (const args of [['push'], ['pull'], ['status', '-c']]) {
    const r = await rig.runWith({ env }, ...args);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: pipe.config.yaml:1:9: cannot use remote ${url}: connection refused by 127.0.0.1 port ${server.port}\nhint: check that an SSH server runs there and the port (ssh://host:PORT/path)\n`]);
  }

  const silent = net.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as net.AddressInfo).port;
  try {
    const started = Date.now();
    const r = await rig.runWith({ env: { ...env, PIPE_SSH_TIMEOUT_MS: '800' } }, 'pull', '-r', `ssh://pipe@127.0.0.1:${port}/r`);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: cannot use remote ssh://pipe@127.0.0.1:${port}/r: no answer from 127.0.0.1 port ${port} (timed out)\nhint: check the host and port and that an SSH server runs there (the remote named by --remote)\n`]);
    expect(Date.now() - started).toBeLessThan(15_000);
  } finally {
    silent.close();
  }
});
