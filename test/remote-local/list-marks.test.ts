// `remote list` marks what pipe.config.local.yaml gives: a url `(local)`, each option from there
// `(local)`, a remote only there, and a default set there `(default, local)`; `--json` says the
// same in `local` ({url, options, only}) and `default.local`, left out where nothing is local.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('text and --json mark the local values', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages: {}\n',
    'pipe.config.yaml': 'remotes:\n  nas:\n    url: ssh://nas/srv\n    port: 2222\n  cloud:\n    url: s3://bucket/p\n    region: eu-west-1\n  team: ../team\nremote: team\n',
    'pipe.config.local.yaml': 'remotes:\n  nas:\n    url: ssh://nas.vpn/srv\n    keyfile: ~/.ssh/mine\n  cloud:\n    profile: me\n  scratch: ../scratch\nremote: cloud\n',
  });
  const text = await rig.run('remote', 'list');
  expect([text.code, text.stderr]).toEqual([0, '']);
  expect(text.stdout).toBe(
    'nas      ssh://nas.vpn/srv  (local)\n' +
      '         port = 2222\n' +
      '         keyfile = ~/.ssh/mine  (local)\n' +
      'cloud    s3://bucket/p  (default, local)\n' +
      '         region = eu-west-1\n' +
      '         profile = me  (local)\n' +
      'team     ../team\n' +
      'scratch  ../scratch  (local)\n',
  );
  const json = await rig.run('remote', 'list', '--json');
  expect(JSON.parse(json.stdout)).toEqual({
    remotes: [
      { name: 'nas', url: 'ssh://nas.vpn/srv', default: false, options: { port: 2222, keyfile: '~/.ssh/mine' }, local: { url: true, options: ['keyfile'], only: false } },
      { name: 'cloud', url: 's3://bucket/p', default: true, options: { region: 'eu-west-1', profile: 'me' }, local: { url: false, options: ['profile'], only: false } },
      { name: 'team', url: '../team', default: false },
      { name: 'scratch', url: '../scratch', default: false, local: { url: true, options: [], only: true } },
    ],
    default: { name: 'cloud', url: 's3://bucket/p', local: true },
  });
});
