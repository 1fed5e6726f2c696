// $PIPE_HTTP_USER set without $PIPE_HTTP_PASSWORD is a configuration slip, said as such before any
// request (exit 2), as the reverse case is: sending an empty password came back as "the server
// refused the credentials", which points at the wrong thing. Same for the remote and for
// `pipe import-url` from the remote's server (the code reading the variables is shared).
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { startHttp } from './http-server.js';

const none = { PIPE_REMOTE: '', PIPE_HTTP_USER: '', PIPE_HTTP_PASSWORD: '', PIPE_HTTP_TOKEN: '' };

test('a user without a password: a clear configuration error, nothing asked of the server', async () => {
  const server = await startHttp({ basic: { user: 'ann', password: 's3cret' } });
  fs.writeFileSync(path.join(server.dir, 'x.csv'), 'x\n');
  const remote = `${server.origin}/p`;
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': `remote: ${remote}\n` });
  const host = server.origin.slice('http://'.length);

  const pull = await rig.runWith({ env: { ...none, PIPE_HTTP_USER: 'ann' } }, 'pull');
  expect([pull.code, pull.stdout, pull.stderr]).toEqual([2, '', `error: remote http://${host}/p: $PIPE_HTTP_USER is set but $PIPE_HTTP_PASSWORD is not\n` +
    'hint: set $PIPE_HTTP_USER and $PIPE_HTTP_PASSWORD for HTTP basic auth, or $PIPE_HTTP_TOKEN alone for a bearer token\n']);
  const url = `${server.origin}/x.csv`;
  const imported = await rig.runWith({ env: { ...none, PIPE_HTTP_USER: 'ann' } }, 'import-url', url);
  expect([imported.code, imported.stdout, imported.stderr]).toEqual([2, '', `error: cannot import '${url}': $PIPE_HTTP_USER is set but $PIPE_HTTP_PASSWORD is not; set $PIPE_HTTP_USER and $PIPE_HTTP_PASSWORD (HTTP basic auth) or $PIPE_HTTP_TOKEN (a bearer token)\n`]);
  expect(server.requests).toEqual([]);
  expect(fs.existsSync(path.join(rig.dir, 'x.csv'))).toBe(false);

  const right = await rig.runWith({ env: { ...none, PIPE_HTTP_USER: 'ann', PIPE_HTTP_PASSWORD: 's3cret' } }, 'import-url', url);
  expect([right.code, right.stderr, rig.read('x.csv')]).toEqual([0, '', 'x\n']);
});
