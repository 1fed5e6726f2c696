// An azure:// remote whose container does not exist: push and pull stop with one error naming
// the remote as written and where (pipe.config.yaml:line:col), exit 2, before anything is
// transferred; a push never creates the container.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { startAzurite } from './azure-server.js';

test('a missing container is one error for push and pull, and is never created', async () => {
  const azure = await startAzurite();
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n', 'pipe.config.yaml': '# shared cache\nremote: azure://no-such-container/team\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const error =
    'error: pipe.config.yaml:2:9: remote azure://no-such-container/team: container no-such-container does not exist\n' +
    'hint: create the container first (`pipe push` never creates containers), or check `remote:` in pipe.config.yaml, or override it with --remote or $PIPE_REMOTE\n';
  for (const args of [['push'], ['pull']]) {
    const r = await rig.runWith({ env: azure.env }, ...args);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', error]);
  }
  const names: string[] = [];
  for await (const c of azure.service.listContainers()) names.push(c.name);
  expect(names).toEqual(['pipe-cache']);
});
