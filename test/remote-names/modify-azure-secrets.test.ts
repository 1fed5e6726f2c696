// The secret options of an azure:// remote (account_key, sas_token, connection_string, DVC's
// names): `pipe remote modify --local` keeps them in pipe.config.local.yaml (git-ignored), never
// in pipe.config.yaml, and `pipe remote list` (text and --json) and `modify` show them as ***;
// one written by hand into pipe.config.yaml is refused at its line. Used end to end against Azurite.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { ACCOUNT, ACCOUNT_KEY, CONTAINER, startAzurite } from '../remote/azure-server.js';

const pipeline = 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n';
const url = `azure://${CONTAINER}/p`;

test('account_key goes to pipe.config.local.yaml only, is shown as ***, and is used over the environment', async () => {
  const azure = await startAzurite();
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('repro')).code).toBe(0);
  expect((await rig.run('remote', 'add', '-d', 'blob', url)).code).toBe(0);
  for (const [option, value] of [['account_name', ACCOUNT], ['endpointurl', azure.endpoint]] as const) {
    const set = await rig.run('remote', 'modify', 'blob', option, value);
    expect([set.code, set.stdout, set.stderr]).toEqual([0, `remote blob: ${option} is ${value} now\n`, '']);
  }

  const committed = await rig.run('remote', 'modify', 'blob', 'account_key', ACCOUNT_KEY);
  expect([committed.code, committed.stdout, committed.stderr]).toEqual([
    2,
    '',
    "error: remote 'blob': pipe never takes account_key from pipe.config.yaml (it is committed)\n" +
      'hint: `pipe remote modify --local blob account_key <value>` keeps it in pipe.config.local.yaml (git-ignored), or set $AZURE_STORAGE_KEY where pipe runs\n',
  ]);
  expect(rig.read('pipe.config.yaml')).not.toContain(ACCOUNT_KEY);

  const local = await rig.run('remote', 'modify', '--local', 'blob', 'account_key', ACCOUNT_KEY);
  expect([local.code, local.stdout, local.stderr]).toEqual([0, 'remote blob: account_key is *** now (in pipe.config.local.yaml)\n', '']);
  expect(rig.read('pipe.config.local.yaml')).toContain(`account_key: ${ACCOUNT_KEY}`);

  const list = await rig.run('remote', 'list');
  expect([list.code, list.stdout, list.stderr]).toEqual([
    0,
    `blob  ${url}  (default)\n      account_name = ${ACCOUNT}\n      endpointurl = ${azure.endpoint}\n      account_key = ***  (local)\n`,
    '',
  ]);
  const json = await rig.run('remote', 'list', '--json');
  expect(JSON.parse(json.stdout).remotes[0].options).toEqual({ account_name: ACCOUNT, endpointurl: azure.endpoint, account_key: '***' });
  expect(json.stdout).not.toContain(ACCOUNT_KEY);

  // the environment names no account at all: the remote's options alone reach Azurite
  const pushed = await rig.runWith({ env: { ...azure.env, AZURE_STORAGE_CONNECTION_STRING: '' } }, 'push');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect((await azure.keys()).length).toBe(2);

  // written into pipe.config.yaml by hand: refused where it stands, its value never printed
  rig.write({ 'pipe.config.yaml': `remotes:\n  blob:\n    url: ${url}\n    account_key: ${ACCOUNT_KEY}\nremote: blob\n` });
  const hand = await rig.runWith({ env: azure.env }, 'pull');
  expect([hand.code, hand.stdout]).toEqual([2, '']);
  expect(hand.stderr).toBe(
    "error: pipe.config.yaml:4:18: remote 'blob': pipe never takes account_key from pipe.config.yaml (it is committed)\n" +
      'hint: `pipe remote modify --local blob account_key <value>` keeps it in pipe.config.local.yaml (git-ignored), or set $AZURE_STORAGE_KEY where pipe runs\n',
  );
});
