// `pipe remote modify <name> <option> <value>` and `--unset`: a remote written as a bare URL
// becomes a mapping (`url:` and the option) with the comment after it kept on its key's line; an
// option set again is replaced in place, one unset has its line cut; every other byte of
// pipe.config.yaml is kept, CRLF line ends included. Options a remote of its kind does not take,
// unknown ones (with a did-you-mean), secrets and bad values are refused with exit 2 and the list
// of valid options, the file left as it was. `remote list --json` shows the options.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const config = '# ours\nremotes:\n  nas: ssh://nas/srv   # the NAS\n\n  web: https://host/p\nremote: nas   # default\n';

test('set, set again and unset an option, every other byte kept', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': config });
  const port = await rig.run('remote', 'modify', 'nas', 'port', '2222');
  expect([port.code, port.stdout, port.stderr]).toEqual([0, 'remote nas: port is 2222 now\n', '']);
  const mapped = config.replace('  nas: ssh://nas/srv   # the NAS\n', '  nas:   # the NAS\n    url: ssh://nas/srv\n    port: 2222\n');
  expect(rig.read('pipe.config.yaml')).toBe(mapped);

  expect((await rig.run('remote', 'modify', 'nas', 'user', 'backup')).code).toBe(0);
  const again = await rig.run('remote', 'modify', 'nas', 'port', '2200');
  expect([again.code, again.stdout, again.stderr]).toEqual([0, 'remote nas: port is 2200 now (was 2222)\n', '']);
  const withUser = mapped.replace('    port: 2222\n', '    port: 2200\n    user: backup\n');
  expect(rig.read('pipe.config.yaml')).toBe(withUser);

  const unset = await rig.run('remote', 'modify', '--unset', 'nas', 'port');
  expect([unset.code, unset.stdout, unset.stderr]).toEqual([0, 'remote nas: port unset (was 2200)\n', '']);
  expect(rig.read('pipe.config.yaml')).toBe(withUser.replace('    port: 2200\n', ''));
  const notSet = await rig.run('remote', 'modify', '--unset', 'nas', 'port');
  expect([notSet.code, notSet.stdout, notSet.stderr]).toEqual([0, 'remote nas: port was not set\n', '']);

  const json = await rig.run('remote', 'list', '--json');
  expect(JSON.parse(json.stdout)).toEqual({
    remotes: [
      { name: 'nas', url: 'ssh://nas/srv', default: true, options: { user: 'backup' } },
      { name: 'web', url: 'https://host/p', default: false },
    ],
    default: { name: 'nas', url: 'ssh://nas/srv' },
  });
});

test('a file with CRLF line ends keeps them', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': 'remotes:\r\n  web: https://host/p\r\n' });
  expect((await rig.run('remote', 'modify', 'web', 'timeout_ms', '60000')).code).toBe(0);
  expect(rig.read('pipe.config.yaml')).toBe('remotes:\r\n  web:\r\n    url: https://host/p\r\n    timeout_ms: 60000\r\n');
});

const SSH_OPTIONS = 'hint: the options of an ssh:// remote are url, user, port, keyfile, password_env, timeout_ms\n';

test.each([
  [['nas', 'keyfiel', '~/.ssh/k'], `error: remote 'nas': unknown option 'keyfiel': did you mean 'keyfile'?\n${SSH_OPTIONS}`],
  [['nas', 'colour', 'red'], `error: remote 'nas': unknown option 'colour'\n${SSH_OPTIONS}`],
  [['nas', 'region', 'eu-west-1'], `error: remote 'nas': 'region' is an option of s3:// remotes, and nas is an ssh:// remote (ssh://nas/srv)\n${SSH_OPTIONS}`],
  [['web', 'port', '8443'], "error: remote 'web': 'port' is an option of ssh:// remotes, and web is an http(s):// remote (https://host/p)\nhint: the options of an http(s):// remote are url, user, password_env, token_env, timeout_ms\n"],
  [['nas', 'password', 'hunter2'], "error: remote 'nas': pipe never writes a password to pipe.config.yaml (it is committed)\nhint: set password_env instead (the name of the environment variable holding the password, instead of $PIPE_SSH_PASSWORD / $PIPE_HTTP_PASSWORD)\n"],
  [['nas', 'port', '70000'], "error: remote 'nas': port '70000': it is not a whole number from 1 to 65535\nhint: port: the SSH port, instead of the URL's (or 22)\n"],
  [['nas', 'password_env', 'NAS-PW'], "error: remote 'nas': password_env 'NAS-PW': it is not an environment variable name (letters, digits and _, not starting with a digit)\nhint: password_env: the name of the environment variable holding the password, instead of $PIPE_SSH_PASSWORD / $PIPE_HTTP_PASSWORD\n"],
  [['--unset', 'nas', 'colour'], `error: remote 'nas': unknown option 'colour'\n${SSH_OPTIONS}`],
])('modify %j is refused with exit 2, the file left as it was', async (args, stderr) => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': config });
  const r = await rig.run('remote', 'modify', ...args);
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', stderr]);
  expect(rig.read('pipe.config.yaml')).toBe(config);
});

test('a value and --unset together, or neither, is a usage error', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': config });
  const both = await rig.run('remote', 'modify', '--unset', 'nas', 'port', '22');
  expect([both.code, both.stderr]).toEqual([2, "error: give a value or --unset, not both (pipe remote modify --unset nas port)\n(run `pipe remote modify --help` for usage)\n"]);
  const neither = await rig.run('remote', 'modify', 'nas', 'port');
  expect([neither.code, neither.stderr]).toEqual([2, "error: give the value (pipe remote modify nas port <value>), or --unset to remove it\n(run `pipe remote modify --help` for usage)\n"]);
  expect(rig.read('pipe.config.yaml')).toBe(config);
  const help = await rig.run('remote', 'modify', '--help');
  expect(help.stdout.replace(/\s+/g, ' ')).toContain('port (ssh: the SSH port, instead of the URL\'s (or 22))');
});
