// An azure:// remote whose key the service refuses: one error saying access was denied, where the
// key came from, and which option or variable to set; exit 2, no stack. The remote's own options
// (account_name and endpointurl committed, account_key in pipe.config.local.yaml) win over the
// environment's connection string, which names the working key.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { ACCOUNT, CONTAINER, connectionStringFor, startAzurite } from './azure-server.js';

const WRONG_KEY = Buffer.from('not the key of this account').toString('base64');

test('a wrong account key: access denied, naming the option or variable that gave it', async () => {
  const azure = await startAzurite();
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n',
    'pipe.config.yaml': `remotes:\n  blob:\n    url: azure://${CONTAINER}/p\n    account_name: ${ACCOUNT}\n    endpointurl: ${azure.endpoint}\nremote: blob\n`,
    'pipe.config.local.yaml': `remotes:\n  blob:\n    account_key: ${WRONG_KEY}\n`,
  });
  expect((await rig.run('repro')).code).toBe(0);
  for (const direction of ['push', 'pull']) {
    const r = await rig.runWith({ env: azure.env }, direction);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      "error: pipe.config.yaml:3:10: cannot use remote blob (azure://pipe-cache/p): access denied (AuthorizationFailure) using the remote's account_key\n" +
        "hint: check the remote's account_key (`pipe remote modify --local blob account_key <value>` sets it) and that it may list, read and write container pipe-cache\n",
    ]);
  }
  // a wrong key in the environment's connection string: the variable is named
  const env = { ...azure.env, AZURE_STORAGE_CONNECTION_STRING: connectionStringFor(azure.endpoint, WRONG_KEY) };
  const viaEnv = await rig.runWith({ env }, 'push', '-r', `azure://${CONTAINER}/q`);
  expect([viaEnv.code, viaEnv.stdout, viaEnv.stderr]).toEqual([
    2,
    '',
    `error: cannot use remote azure://${CONTAINER}/q: access denied (AuthorizationFailure) using $AZURE_STORAGE_CONNECTION_STRING\n` +
      `hint: check $AZURE_STORAGE_CONNECTION_STRING and that it may list, read and write container ${CONTAINER} (the remote named by --remote)\n`,
  ]);
  expect(await azure.keys()).toEqual([]);
});
