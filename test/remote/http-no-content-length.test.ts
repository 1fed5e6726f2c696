// A server whose HEAD answers carry no Content-Length (the body would be sent chunked): an object
// it has is there, its size unknown. `status -c` does not call it damaged, a plain push does not
// send it again, `push --force` does, and a pull fetches (and checks) it as usual.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { MAKE_SUM_PIPELINE as pipeline } from './helpers.js';
import { startHttp } from './http-server.js';

const env = { PIPE_REMOTE: '', PIPE_HTTP_USER: '', PIPE_HTTP_PASSWORD: '', PIPE_HTTP_TOKEN: '' };

test('HEAD without Content-Length: in sync, not re-sent by push, re-sent by push --force, pulled', async () => {
  const server = await startHttp({ noHeadLength: true });
  const remote = `${server.origin}/p`;
  const config = { 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n` };
  const origin = makeRig(config);
  expect((await origin.run('repro')).code).toBe(0);
  expect((await origin.runWith({ env }, 'push')).code).toBe(0);
  const puts = (): number => server.requests.filter((r) => r.startsWith('PUT /p/objects/')).length;
  expect(puts()).toBe(4);

  const status = await origin.runWith({ env }, 'status', '-c');
  expect([status.code, status.stderr, status.stdout]).toEqual([0, '', `The local cache and the remote ${remote} are in sync (2 outputs).\n`]);
  const again = await origin.runWith({ env }, 'push');
  expect([again.code, again.stdout, again.stderr]).toEqual([0, `pushed 0 objects (0 B) and 0 run-cache entries to ${remote}; already on the remote: 4 objects and 2 run-cache entries\n`, '']);
  expect(puts()).toBe(4);
  const forced = await origin.runWith({ env }, 'push', '--force');
  expect([forced.code, forced.stderr]).toEqual([0, '']);
  expect(forced.stdout).toMatch(new RegExp(`^pushed 4 objects \\(\\d+ B\\) and 2 run-cache entries to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n$`));
  expect(puts()).toBe(8);

  const clone = makeRig({ ...config, 'pipeline.lock': origin.read('pipeline.lock') });
  const pulled = await clone.runWith({ env }, 'pull');
  expect(pulled.code).toBe(0);
  expect(pulled.stdout).toMatch(new RegExp(`^pulled 4 objects \\(\\d+ B\\) and 2 run-cache entries from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\n`));
  expect(clone.read('total.txt')).toBe(origin.read('total.txt'));
});
