// ssh:// remote URLs: a password in one is refused wherever it was written (pipe.config.yaml is
// committed; a command line is seen by other users), without echoing the password; a URL without
// a folder or, with no user in it, with $USER unset is a config error (exit 2) before anything is
// contacted. The default port is 22 (the message names it).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { parseSshUrl } from '../../src/remote/ssh-transport.js';

const env = { PIPE_REMOTE: '', PIPE_SSH_KNOWN_HOSTS: '/nonexistent/known_hosts', PIPE_SSH_TIMEOUT_MS: '2000' };
const refusal = (at: string) => [2, '',
  `error: ${at}: the remote URL carries a password (ssh://me@example.invalid/srv/r with \`:password\` after the user); pipe never takes an SSH password from a URL\n`
  + 'hint: write the URL without it (ssh://me@example.invalid/srv/r) and set $PIPE_SSH_PASSWORD where pipe runs, or better log in with a key ($PIPE_SSH_KEY, ssh-agent or ~/.ssh/id_*); if the URL was committed with the password, change the password\n'];

test('a password in an ssh:// URL is refused, in pipe.config.yaml, --remote and $PIPE_REMOTE alike, and never printed', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data.txt': 'd\n', 'pipe.config.yaml': 'remote: ssh://me:hunter2@example.invalid/srv/r\n' });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  const fromConfig = await rig.runWith({ env }, 'push');
  expect([fromConfig.code, fromConfig.stdout, fromConfig.stderr]).toEqual(refusal('pipe.config.yaml:1:9'));
  const fromFlag = await rig.runWith({ env }, 'pull', '-r', 'ssh://me:hunter2@example.invalid/srv/r');
  expect([fromFlag.code, fromFlag.stdout, fromFlag.stderr]).toEqual(refusal('--remote'));
  const fromEnv = await rig.runWith({ env: { ...env, PIPE_REMOTE: 'ssh://me:hunter2@example.invalid/srv/r' } }, 'status', '-c');
  expect([fromEnv.code, fromEnv.stdout, fromEnv.stderr]).toEqual(refusal('PIPE_REMOTE'));
});

test('an ssh:// URL without a folder, or without a user when $USER is unset, is a config error', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data.txt': 'd\n' });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  const noPath = await rig.runWith({ env }, 'push', '-r', 'ssh://me@example.invalid');
  expect([noPath.code, noPath.stdout, noPath.stderr]).toEqual([2, '', 'error: --remote: invalid remote URL ssh://me@example.invalid: it names no folder (write ssh://[user@]host[:port]/absolute/path; the path is absolute on the server)\n']);
  const noUser = await rig.runWith({ env: { ...env, USER: '', LOGNAME: '' } }, 'push', '-r', 'ssh://example.invalid:2222/srv/r');
  expect([noUser.code, noUser.stdout, noUser.stderr]).toEqual([2, '', 'error: --remote: invalid remote URL ssh://example.invalid:2222/srv/r: it names no user and $USER is not set (write ssh://user@host/...)\n']);
});

test('parseSshUrl: user from the URL else $USER, port 22 by default, IPv6 hosts, the folder without a trailing slash', () => {
  expect(parseSshUrl('ssh://ann@h.example:2200/srv/pipe/', { USER: 'bob' })).toEqual({ ok: true, value: { host: 'h.example', port: 2200, user: 'ann', path: '/srv/pipe', userFromUrl: true } });
  expect(parseSshUrl('ssh://h.example/srv/pipe', { USER: 'bob' })).toEqual({ ok: true, value: { host: 'h.example', port: 22, user: 'bob', path: '/srv/pipe', userFromUrl: false } });
  expect(parseSshUrl('ssh://[::1]:22/a%20b', { USER: 'bob' })).toEqual({ ok: true, value: { host: '::1', port: 22, user: 'bob', path: '/a b', userFromUrl: false } });
});
