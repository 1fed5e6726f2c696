// An http(s):// server that fails in the middle of a transfer, after the remote was found usable:
// one that refuses uploads with 403 (pull works, push gets one error naming the refused request
// and the credentials to check), and one that stops sending in the middle of an object (the pull
// gives up after $PIPE_HTTP_TIMEOUT_MS of silence per try, here 2 s, and stores nothing).
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { startHttp } from './http-server.js';

const env = { PIPE_REMOTE: '', PIPE_HTTP_USER: '', PIPE_HTTP_PASSWORD: '', PIPE_HTTP_TOKEN: '', PIPE_HTTP_TIMEOUT_MS: '2000' };
// 2 s, not 200 ms: a loaded machine could keep the CLI (or this process's server) from a request's
// sending (or answer) that long
const pipeline = 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n';

test('uploads refused with 403: one error naming the request and what to check', async () => {
  const server = await startHttp({ statusFor: { PUT: 403 } });
  const remote = `${server.origin}/p`;
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n` });
  expect((await rig.run('repro')).code).toBe(0);
  const r = await rig.runWith({ env: { ...env, PIPE_HTTP_USER: 'ann', PIPE_HTTP_PASSWORD: 'pw' } }, 'push');
  const hash = /hash: ([0-9a-f]{64})/.exec(rig.read('pipeline.lock'))?.[1] ?? 'no hash in the lock';
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '',
    `error: pipe.config.yaml:1:9: cannot use remote ${remote}: access denied (HTTP 403 Forbidden for PUT objects/${hash.slice(0, 2)}/${hash.slice(2)})\n` +
    `hint: check that $PIPE_HTTP_USER and $PIPE_HTTP_PASSWORD may read and write ${remote}\n`]);
});

test('a server that stops sending in the middle of an object: the pull gives up and stores nothing', async () => {
  const server = await startHttp({ stallBodies: true });
  const remote = `${server.origin}/p`;
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n` });
  expect((await rig.run('repro')).code).toBe(0);
  expect((await rig.runWith({ env }, 'push')).code).toBe(0);
  rig.remove('cache');
  const started = Date.now();
  const r = await rig.runWith({ env }, 'pull');
  const hash = /hash: ([0-9a-f]{64})/.exec(rig.read('pipeline.lock'))?.[1] ?? 'no hash in the lock';
  const key = `objects/${hash.slice(0, 2)}/${hash.slice(2)}`;
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '',
    `error: pipe.config.yaml:1:9: cannot use remote ${remote}: no answer from ${server.origin.slice('http://'.length)} within 2 s (GET ${key}, tried 3 times)\n` +
    'hint: check the server; $PIPE_HTTP_TIMEOUT_MS sets how long one request may stay silent (default 20000)\n']);
  // (the run-index and the run entry, small files, came whole before)
  expect(server.requests.filter((q) => q.startsWith('GET /p/objects/'))).toEqual(Array(3).fill(`GET /p/${key}`));
  // well below the 61.5 s of the default timeout (3 × 20 s and the pauses), with room for a loaded machine
  expect(Date.now() - started).toBeLessThan(45_000);
  // no object, and no temp file left behind in the cache
  const objects = path.join(rig.dir, 'cache/objects');
  expect(fs.existsSync(objects) ? fs.readdirSync(objects).flatMap((d) => fs.readdirSync(path.join(objects, d))) : []).toEqual([]);
});
