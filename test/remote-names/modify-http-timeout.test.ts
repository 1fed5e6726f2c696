// A remote's `timeout_ms` option wins over $PIPE_HTTP_TIMEOUT_MS for that remote: a server that
// never answers is given up on after the option's silence, not the variable's.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { startHttp } from '../remote/http-server.js';

const pipeline = 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n';

test('timeout_ms 200 is the silence waited for, with $PIPE_HTTP_TIMEOUT_MS at 60 s', async () => {
  const server = await startHttp({ silent: true });
  const url = `${server.origin}/p`;
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remotes:\n  web:\n    url: ${url}\n    timeout_ms: 200\nremote: web\n` });
  expect((await rig.run('repro')).code).toBe(0);
  const started = Date.now();
  const r = await rig.runWith({ env: { PIPE_REMOTE: '', PIPE_HTTP_USER: '', PIPE_HTTP_PASSWORD: '', PIPE_HTTP_TOKEN: '', PIPE_HTTP_TIMEOUT_MS: '60000' } }, 'push');
  expect([r.code, r.stdout]).toEqual([2, '']);
  expect(r.stderr).toBe(
    `error: pipe.config.yaml:3:10: cannot use remote web (${url}): no answer from ${server.origin.slice('http://'.length)} within 200 ms (HEAD ${url}/, tried 3 times)\n` +
      "hint: check the server; the remote's timeout_ms option sets how long one request may stay silent\n",
  );
  expect(Date.now() - started).toBeLessThan(30_000);
});
