// An http(s):// server that fails: one that accepts connections and never answers fails after a
// bounded time ($PIPE_HTTP_TIMEOUT_MS of silence per try, here 2 s; 20 s by default), a closed
// port is "cannot reach", a server answering 503 is tried three times; each is one error naming the
// remote and what to check, exit 2, no stack.
import { expect, test } from 'vitest';
import { makeRig, waitFor } from '../rig.js';
import { startHttp } from './http-server.js';
import { closedPort } from './s3-server.js';

const env = { PIPE_REMOTE: '', PIPE_HTTP_USER: '', PIPE_HTTP_PASSWORD: '', PIPE_HTTP_TOKEN: '', PIPE_HTTP_TIMEOUT_MS: '2000' };
// 2 s, not 200 ms: on a loaded machine a try could end before the CLI, itself kept waiting (its
// first request loads fetch's code), had sent it, and the server saw 2 of the 3 tries (at a load
// average of 16 on 2 cores, 1 s was still too short)
const pipeline = 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n';

test('a server that never answers: three tries of 2 s of silence, then one error', async () => {
  const server = await startHttp({ silent: true });
  const remote = `${server.origin}/p`;
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n` });
  expect((await rig.run('repro')).code).toBe(0);
  const started = Date.now();
  const r = await rig.runWith({ env }, 'push');
  const took = Date.now() - started;
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '',
    `error: pipe.config.yaml:1:9: cannot use remote ${remote}: no answer from ${server.origin.slice('http://'.length)} within 2 s (HEAD ${remote}/, tried 3 times)\n` +
    'hint: check the server; $PIPE_HTTP_TIMEOUT_MS sets how long one request may stay silent (default 20000)\n']);
  // the last request, never answered, can reach this process's server after the CLI's exit does
  await waitFor(() => server.requests.length >= 3, 10_000).catch(() => undefined);
  expect(server.requests).toEqual(['HEAD /p/', 'HEAD /p/', 'HEAD /p/']);
  // 3 × 2 s, with 0.5 s and 1 s between the tries
  expect(took).toBeGreaterThanOrEqual(7500);
  // well below the 61.5 s of the default timeout (3 × 20 s and the pauses), with room for a loaded machine
  expect(took).toBeLessThan(45_000);
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
  // the default silence allowed (20 s): a 503 comes at once, and a loaded machine's late one must
  // not count as a try that timed out
  const down = await rig.runWith({ env: { ...env, PIPE_HTTP_TIMEOUT_MS: '', PIPE_REMOTE: `${failing.origin}/p` } }, 'status', '-c');
  expect([down.code, down.stdout, down.stderr]).toEqual([2, '',
    `error: cannot use remote ${failing.origin}/p: the server failed (HTTP 503 Service Unavailable for HEAD ${failing.origin}/p/, tried 3 times)\n` +
    'hint: try again later; if it goes on, the server\'s logs say why (the remote named by $PIPE_REMOTE)\n']);
  expect(failing.requests).toEqual(['HEAD /p/', 'HEAD /p/', 'HEAD /p/']);
});
