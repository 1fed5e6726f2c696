// An azure:// remote with no account anywhere (no option, no AZURE_STORAGE_* variable): one error
// before any request, saying which options or variables give one; exit 2, no stack.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { isolatedAzureEnv } from './azure-server.js';

test('no account and no connection string: says which options and variables to set', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n', 'pipe.config.yaml': 'remote: azure://pipe-cache/p\n' });
  expect((await rig.run('repro')).code).toBe(0);
  for (const direction of ['push', 'pull']) {
    const r = await rig.runWith({ env: isolatedAzureEnv() }, direction);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      'error: pipe.config.yaml:1:9: cannot use remote azure://pipe-cache/p: no storage account given\n' +
        "hint: set the remote's account_name with account_key or sas_token, or its connection_string (`pipe remote modify --local <remote> <option> <value>`), or $AZURE_STORAGE_CONNECTION_STRING, or $AZURE_STORAGE_ACCOUNT with $AZURE_STORAGE_KEY\n",
    ]);
  }
});
