// `pipe push` after `pipe repro --no-commit`: the cache holds none of the outputs pipeline.lock
// records, so push names each one it cannot send and `pipe commit` as the way to store it (exit 1);
// once committed, the same push sends it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { makeRig } from '../rig.js';

test('push after repro --no-commit names pipe commit; after it, pushes the output', async () => {
  const remote = mkdtempSync(join(tmpdir(), 'pipe-remote-'));
  onTestFinished(() => rmSync(remote, { recursive: true, force: true }));
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo made > out.txt\n    outs: [out.txt]\n' });
  expect((await rig.run('repro', '--no-commit', '--no-record')).code).toBe(0);
  const hash = '9ccbd3f1b19a1cdfd8d7c6ae48e9e822e2345f5be1a6187b19e41486c6941004';
  const p = await rig.run('push', '-r', remote);
  expect([p.code, p.stdout, p.stderr]).toEqual([
    1,
    `pushed 0 objects (0 B) and 0 run-cache entries to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n`,
    `error: object ${hash} (out.txt, stage a) is neither in the local cache nor on the remote ${remote}; nothing to push for it (\`pipe pull -r <remote> a\` fetches it from another remote that holds it; \`pipe commit a\` stores it again where the workspace still holds it, else \`pipe repro -f a\` makes it)\n`,
  ]);
  expect((await rig.run('commit')).code).toBe(0);
  const again = await rig.run('push', '-r', remote);
  expect([again.code, again.stdout, again.stderr]).toEqual([0, `pushed 1 object (5 B) and 1 run-cache entry to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n`, '']);
});
