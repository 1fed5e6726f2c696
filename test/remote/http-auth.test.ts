// An http(s):// remote behind HTTP basic auth: credentials come from $PIPE_HTTP_USER /
// $PIPE_HTTP_PASSWORD (or a URL given with --remote); none, or wrong ones, are one error naming the
// variables to set or check, exit 2; a password is never printed; pipe.config.yaml (committed)
// may not carry one; a bearer token ($PIPE_HTTP_TOKEN) is sent as `Authorization: Bearer`.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { startHttp } from './http-server.js';

const none = { PIPE_REMOTE: '', PIPE_HTTP_USER: '', PIPE_HTTP_PASSWORD: '', PIPE_HTTP_TOKEN: '' };
const pipeline = 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n';

test('no credentials, wrong ones, right ones from the variables or the --remote URL', async () => {
  const server = await startHttp({ basic: { user: 'ann', password: 's3cret' } });
  const remote = `${server.origin}/p`;
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n` });
  expect((await rig.run('repro')).code).toBe(0);

  const anonymous = await rig.runWith({ env: none }, 'push');
  expect([anonymous.code, anonymous.stdout, anonymous.stderr]).toEqual([2, '',
    `error: pipe.config.yaml:1:9: cannot use remote ${remote}: the server asks for credentials (HTTP 401 Unauthorized)\n` +
    'hint: set $PIPE_HTTP_USER and $PIPE_HTTP_PASSWORD (HTTP basic auth) or $PIPE_HTTP_TOKEN (a bearer token)\n']);
  const wrong = await rig.runWith({ env: { ...none, PIPE_HTTP_USER: 'ann', PIPE_HTTP_PASSWORD: 'guess' } }, 'pull');
  expect([wrong.code, wrong.stdout, wrong.stderr]).toEqual([2, '',
    `error: pipe.config.yaml:1:9: cannot use remote ${remote}: the server refused the credentials (HTTP 401 Unauthorized)\n` +
    'hint: check $PIPE_HTTP_USER and $PIPE_HTTP_PASSWORD\n']);

  const right = await rig.runWith({ env: { ...none, PIPE_HTTP_USER: 'ann', PIPE_HTTP_PASSWORD: 's3cret' } }, 'push');
  expect([right.code, right.stdout, right.stderr]).toEqual([0, `pushed 1 object (5 B) and 1 run-cache entry to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n`, '']);

  // in a --remote URL: used, and never printed, right or wrong
  const inUrl = (password: string): string => `http://ann:${password}@${server.origin.slice('http://'.length)}/p`;
  const viaUrl = await rig.runWith({ env: none }, 'status', '-c', '-r', inUrl('s3cret'));
  expect([viaUrl.code, viaUrl.stdout, viaUrl.stderr]).toEqual([0, `The local cache and the remote ${remote} are in sync (1 output).\n`, '']);
  const badUrl = await rig.runWith({ env: none }, 'pull', '-r', inUrl('typo'));
  expect([badUrl.code, badUrl.stdout, badUrl.stderr]).toEqual([2, '',
    `error: cannot use remote ${remote}: the server refused the credentials (HTTP 401 Unauthorized)\n` +
    'hint: check the user and password in the URL (the remote named by --remote)\n']);
});

test('credentials in pipe.config.yaml are refused; the variables must not contradict each other', async () => {
  const server = await startHttp({ basic: { user: 'ann', password: 's3cret' } });
  const host = server.origin.slice('http://'.length);
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: http://ann:s3cret@${host}/p\n` });
  expect((await rig.run('repro')).code).toBe(0);
  const committed = await rig.runWith({ env: none }, 'push');
  expect([committed.code, committed.stdout, committed.stderr]).toEqual([2, '',
    `error: pipe.config.yaml:1:9: the remote URL carries a user and password (http://${host}/p with \`user:password@\` before the host), and pipe.config.yaml is committed\n` +
    `hint: write \`remote: http://${host}/p\` and set $PIPE_HTTP_USER and $PIPE_HTTP_PASSWORD (or $PIPE_HTTP_TOKEN for a bearer token) where pipe runs; if the file was committed with the password, change the password\n`]);
  expect(server.requests).toEqual([]);

  rig.write({ 'pipe.config.yaml': `remote: http://${host}/p\n` });
  const both = await rig.runWith({ env: { ...none, PIPE_HTTP_TOKEN: 'tok', PIPE_HTTP_USER: 'ann' } }, 'pull');
  const half = await rig.runWith({ env: { ...none, PIPE_HTTP_PASSWORD: 's3cret' } }, 'pull');
  const hint = 'hint: set $PIPE_HTTP_USER and $PIPE_HTTP_PASSWORD for HTTP basic auth, or $PIPE_HTTP_TOKEN alone for a bearer token\n';
  expect([both.code, both.stderr]).toEqual([2, `error: remote http://${host}/p: $PIPE_HTTP_TOKEN and $PIPE_HTTP_USER / $PIPE_HTTP_PASSWORD are both set: unset the one this server does not use\n${hint}`]);
  expect([half.code, half.stderr]).toEqual([2, `error: remote http://${host}/p: $PIPE_HTTP_PASSWORD is set but $PIPE_HTTP_USER is not\n${hint}`]);
  expect(server.requests).toEqual([]);
});

test('a bearer token from $PIPE_HTTP_TOKEN', async () => {
  const server = await startHttp({ token: 'tok-123' });
  const remote = `${server.origin}/p`;
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n` });
  expect((await rig.run('repro')).code).toBe(0);
  const wrong = await rig.runWith({ env: { ...none, PIPE_HTTP_TOKEN: 'tok-999' } }, 'push');
  expect([wrong.code, wrong.stderr]).toEqual([2, `error: pipe.config.yaml:1:9: cannot use remote ${remote}: the server refused the credentials (HTTP 401 Unauthorized)\nhint: check $PIPE_HTTP_TOKEN\n`]);
  const right = await rig.runWith({ env: { ...none, PIPE_HTTP_TOKEN: 'tok-123' } }, 'push');
  expect([right.code, right.stdout, right.stderr]).toEqual([0, `pushed 1 object (5 B) and 1 run-cache entry to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n`, '']);
});
