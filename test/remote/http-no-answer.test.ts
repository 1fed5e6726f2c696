// An http(s):// server that fails: one that accepts connections and never answers fails after a
// bounded time ($PIPE_HTTP_TIMEOUT_MS of silence per try, here 200 ms; 20 s by default), a closed
// port is "cannot reach", a server answering 503 is tried three times; each is one error naming the
// remote and what to check, exit 2, no stack.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { startHttp } from './http-server.js';
import { closedPort } from './s3-server.js';

const env = { PIPE_REMOTE: '', PIPE_HTTP_USER: '', PIPE_HTTP_PASSWORD: '', PIPE_HTTP_TOKEN: '', PIPE_HTTP_TIMEOUT_MS: '200' };
const pipeline = 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n';

test('a server that never answers: three tries of 200 ms of silence, then one error', async () => {
  const server = await startHttp({ silent: true });
  const remote = `${server.origin}/p`;
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n` });
  expect((await rig.run('repro')).code).toBe(0);
  const started = Date.now();
  const r = await rig.runWith({ env }, 'push');
  const took = Date.now() - started;
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '',
    `error: pipe.config.yaml:1:9: cannot use remote ${remote}: no answer from ${server.origin.slice('http://'.length)} within 200 ms (HEAD ${remote}/, tried 3 times)\n` +
    'hint: check the server; $PIPE_HTTP_TIMEOUT_MS sets how long one request may stay silent (default 20000)\n']);
  expect(server.requests).toEqual(['HEAD /p/', 'HEAD /p/', 'HEAD /p/']);
  // 3 × 200 ms, with 0.5 s and 1 s between the tries
  expect(took).toBeGreaterThanOrEqual(2100);
  // far below the 3 × 20 s of the default timeout, with room for a loaded machine's CLI start
  expect(took).toBeLessThan(30_000);
});

test('a closed port: cannot reach; a server failing with 503: tried three times', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('repro')).code).toBe(0);
  const port = await closedPort();
  const closed = await rig.runWith({ env }, 'pull', '-r', `http://127.0.0.1:${port}/p`);
  expect([closed.code, closed.stdout, closed.stderr]).toEqual([2, '',
    `error: cannot use remote http://127.0.0.1:${port}/p: cannot reach 127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port})\n` +
    'hint: check the network and the remote\'s URL (the remote named by --remote)\n']);

  const failing = await startHttp({ status: 503 });
  const down = await rig.runWith({ env: { ...env, PIPE_REMOTE: `${failing.origin}/p` } }, 'status', '-c');
  expect([down.code, down.stdout, down.stderr]).toEqual([2, '',
    `error: cannot use remote ${failing.origin}/p: the server failed (HTTP 503 Service Unavailable for HEAD ${failing.origin}/p/, tried 3 times)\n` +
    'hint: try again later; if it goes on, the server\'s logs say why (the remote named by $PIPE_REMOTE)\n']);
  expect(failing.requests).toEqual(['HEAD /p/', 'HEAD /p/', 'HEAD /p/']);
});
