// `pipe remote modify` options of an http(s):// remote, end to end against the test HTTP server:
// `user` stands in for $PIPE_HTTP_USER, `password_env` / `token_env` name the variables read
// instead of $PIPE_HTTP_PASSWORD / $PIPE_HTTP_TOKEN, each winning over its variable for that
// remote; what a refusal asks to check names them.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { startHttp } from '../remote/http-server.js';

const pipeline = 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n';
const env = { PIPE_REMOTE: '', PIPE_HTTP_USER: 'other-user', PIPE_HTTP_PASSWORD: 'other-password', PIPE_HTTP_TOKEN: '' };

test('user and password_env log in over the $PIPE_HTTP_* variables; wrong ones are named as the remote sets them', async () => {
  const server = await startHttp({ basic: { user: 'ann', password: 's3cret' } });
  const url = `${server.origin}/p`;
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remotes:\n  web: ${url}\nremote: web\n` });
  expect((await rig.run('repro')).code).toBe(0);
  expect((await rig.run('remote', 'modify', 'web', 'user', 'ann')).code).toBe(0);
  expect((await rig.run('remote', 'modify', 'web', 'password_env', 'WEB_PASSWORD')).code).toBe(0);
  expect(rig.read('pipe.config.yaml')).toBe(`remotes:\n  web:\n    url: ${url}\n    user: ann\n    password_env: WEB_PASSWORD\nremote: web\n`);

  const pushed = await rig.runWith({ env: { ...env, WEB_PASSWORD: 's3cret' } }, 'push');
  expect([pushed.code, pushed.stdout, pushed.stderr]).toEqual([0, `pushed 1 object (5 B) and 1 run-cache entry to web (${url}); already on the remote: 0 objects and 0 run-cache entries\n`, '']);

  const wrong = await rig.runWith({ env: { ...env, WEB_PASSWORD: 'guess' } }, 'pull');
  expect([wrong.code, wrong.stdout, wrong.stderr]).toEqual([2, '',
    `error: pipe.config.yaml:3:10: cannot use remote web (${url}): the server refused the credentials (HTTP 401 Unauthorized)\n` +
    "hint: check the remote's user option and $WEB_PASSWORD\n"]);
  const missing = await rig.runWith({ env }, 'status', '-c');
  expect([missing.code, missing.stdout, missing.stderr]).toEqual([2, '',
    `error: pipe.config.yaml:3:10: remote web (${url}): the remote's user option is set but $WEB_PASSWORD is not\n` +
    "hint: set the variables remote web's options name where pipe runs (`pipe remote list --json` shows its options; `pipe remote modify` changes them)\n"]);
});

test('token_env names the variable holding the bearer token', async () => {
  const server = await startHttp({ token: 'tok-1' });
  const url = `${server.origin}/p`;
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remotes:\n  web: ${url}\nremote: web\n` });
  expect((await rig.run('repro')).code).toBe(0);
  const set = await rig.run('remote', 'modify', 'web', 'token_env', 'WEB_TOKEN');
  expect([set.code, set.stdout, set.stderr]).toEqual([0, 'remote web: token_env is WEB_TOKEN now\n', '']);
  const pushed = await rig.runWith({ env: { ...env, PIPE_HTTP_USER: '', PIPE_HTTP_PASSWORD: '', PIPE_HTTP_TOKEN: 'a-wrong-token', WEB_TOKEN: 'tok-1' } }, 'push');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(server.authorized.every((a) => a.endsWith(' Bearer tok-1'))).toBe(true);
  expect(server.authorized.length).toBeGreaterThan(0);
});
