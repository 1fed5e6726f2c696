// `push: false` stops pushing only (as DVC's): a clone's pull still fetches such an output where
// the remote holds it (pushed before the setting, or by hand), and checks it out, exit 0.
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { tempFolder } from '../experiments/share-project.js';

const pushed = 'stages:\n  make:\n    cmd: echo big > big.bin\n    outs: [big.bin]\n';
const kept = 'stages:\n  make:\n    cmd: echo big > big.bin\n    outs:\n      - big.bin: {push: false}\n';

test('pull: an output marked push: false that the remote holds is fetched', async () => {
  const remote = path.join(tempFolder(), 'remote');
  const origin = makeRig({ 'pipeline.yaml': pushed, 'pipe.config.yaml': `remote: ${remote}\n` });
  expect((await origin.run('repro', '--no-record')).code).toBe(0);
  expect((await origin.runWith({ env: { PIPE_REMOTE: '' } }, 'push')).code).toBe(0);

  const clone = makeRig({ 'pipeline.yaml': kept, 'pipe.config.yaml': `remote: ${remote}\n`, 'pipeline.lock': origin.read('pipeline.lock') });
  const fetched = await clone.runWith({ env: { PIPE_REMOTE: '' } }, 'fetch');
  expect([fetched.code, fetched.stdout]).toEqual([0, `fetched 1 object (4 B) and 1 run-cache entry from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\n`]);
  const pulled = await clone.runWith({ env: { PIPE_REMOTE: '' } }, 'pull');
  expect(pulled.code).toBe(0);
  expect(pulled.stdout).toContain('checked out big.bin (make)\n');
  expect(clone.read('big.bin')).toBe('big\n');
});
