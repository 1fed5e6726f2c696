// An http:// remote end to end, through the real CLI against a small WebDAV-like server
// (http-server.ts: GET, HEAD, PUT over a folder): push fills the server's folder under the prefix
// with the directory-remote layout, a second push sends nothing, `status -c` compares without a
// listing, and a fresh clone restores every stage from it without running a command (its
// run-cache entries found through the run-index the push wrote).
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { MAKE_SUM_PIPELINE as pipeline, snapshot, tempDir } from './helpers.js';
import { startHttp } from './http-server.js';

const env = { PIPE_REMOTE: '', PIPE_HTTP_USER: '', PIPE_HTTP_PASSWORD: '', PIPE_HTTP_TOKEN: '' };

test('push over http, push again, status -c, then a fresh clone restores every stage from the server', async () => {
  const server = await startHttp();
  const remote = `${server.origin}/team/project`;
  const run = { env };
  const config = { 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n` };
  const origin = makeRig(config);
  expect((await origin.run('repro')).code).toBe(0);

  const before = await origin.runWith(run, 'status', '-c');
  expect([before.code, before.stderr, before.stdout]).toEqual([0, '', `out (make): not on the remote: \`pipe push\` sends it\ntotal.txt (sum): not on the remote: \`pipe push\` sends it\n2 outputs out of sync with ${remote} (it does not exist yet: the first \`pipe push\` makes it): 2 not on the remote; 0 in sync.\n`]);

  // objects: a.txt, b.txt, out's manifest, total.txt; one run-cache entry per stage
  const pushed = await origin.runWith(run, 'push');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(pushed.stdout).toMatch(new RegExp(`^pushed 4 objects \\(\\d+ B\\) and 2 run-cache entries to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n$`));
  const again = await origin.runWith(run, 'push');
  expect([again.code, again.stdout, again.stderr]).toEqual([0, `pushed 0 objects (0 B) and 0 run-cache entries to ${remote}; already on the remote: 4 objects and 2 run-cache entries\n`, '']);
  // 4 objects, 2 entries and their keys' 2 run-indexes; the second push only asked (HEAD, and a GET of each index), it sent nothing
  expect(server.requests.filter((r) => r.startsWith('PUT')).length).toBe(8);

  // the same files under the prefix as a directory remote the same push fills, and beside them the run-indexes
  const dir = path.join(tempDir(), 'dir-remote');
  expect((await origin.runWith(run, 'push', '-r', dir)).code).toBe(0);
  const served = snapshot(path.join(server.dir, 'team/project'));
  const indexes = Object.keys(served).filter((f) => f.startsWith('run-index/'));
  expect(indexes).toHaveLength(2);
  for (const f of indexes) delete served[f];
  expect(served).toEqual(snapshot(dir));
  const synced = await origin.runWith(run, 'status', '-c');
  expect([synced.code, synced.stderr, synced.stdout]).toEqual([0, '', `The local cache and the remote ${remote} are in sync (2 outputs).\n`]);

  const clone = makeRig({ ...config, 'pipeline.lock': origin.read('pipeline.lock') });
  const status = await clone.runWith(run, 'status', '-c');
  expect([status.code, status.stderr, status.stdout]).toEqual([0, '', `out (make): not in the local cache: \`pipe pull\` fetches it\ntotal.txt (sum): not in the local cache: \`pipe pull\` fetches it\n2 outputs out of sync with ${remote}: 2 not in the local cache; 0 in sync.\n`]);
  const repro = await clone.runWith(run, 'repro', '--pull');
  expect([repro.code, repro.stderr]).toEqual([0, '']);
  expect(repro.stdout).toMatch(new RegExp(`^pulled 4 objects \\(\\d+ B\\) and 2 run-cache entries from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\nmake: restored from cache\nsum: restored from cache\n2 restored from cache\\.\n$`));
  expect([clone.count('make'), clone.count('sum')]).toEqual([0, 0]);
  for (const f of ['out/a.txt', 'out/b.txt', 'total.txt']) expect(clone.read(f)).toBe(origin.read(f));

  const pulled = await clone.runWith(run, 'pull');
  expect([pulled.code, pulled.stdout, pulled.stderr]).toEqual([0, `pulled 0 objects (0 B) and 0 run-cache entries from ${remote}; already in the local cache: 4 objects and 2 run-cache entries\n`, '']);

  // a second clone with plain `pipe pull`, which checks out what it fetched: the repro finds it in place
  const second = makeRig({ ...config, 'pipeline.lock': origin.read('pipeline.lock') });
  const fetched = await second.runWith(run, 'pull');
  expect([fetched.code, fetched.stderr]).toEqual([0, '']);
  expect(fetched.stdout).toMatch(new RegExp(`^pulled 4 objects \\(\\d+ B\\) and 2 run-cache entries from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\nchecked out out \\(make\\)\nchecked out total\\.txt \\(sum\\)\n$`));
  expect((await second.runWith(run, 'repro')).stdout).toBe('make: up to date\nsum: up to date\nEverything is up to date.\n');
});

test('a folder `pipe add` tracks: status -c reads its manifest from the server; pull brings it into the workspace', async () => {
  const server = await startHttp();
  const remote = `${server.origin}/p`;
  const config = { 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': `remote: ${remote}\n` };
  const origin = makeRig({ ...config, 'data/x.csv': 'x\n', 'data/sub/y.csv': 'y\n' });
  expect((await origin.run('add', 'data')).code).toBe(0);
  const pushed = await origin.runWith({ env }, 'push');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(pushed.stdout).toMatch(new RegExp(`^pushed 3 objects \\(\\d+ B\\) and 0 run-cache entries to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n$`));

  const clone = makeRig({ ...config, 'data.pipe': origin.read('data.pipe') });
  const status = await clone.runWith({ env }, 'status', '-c');
  expect([status.code, status.stderr, status.stdout]).toEqual([0, '', `data: not in the local cache: \`pipe pull\` fetches it\n1 output out of sync with ${remote}: 1 not in the local cache; 0 in sync.\n`]);
  // no stage, so no run-cache entries to miss: no note
  const pulled = await clone.runWith({ env }, 'pull');
  expect([pulled.code, pulled.stderr]).toEqual([0, '']);
  expect(pulled.stdout).toMatch(new RegExp(`^pulled 3 objects \\(\\d+ B\\) and 0 run-cache entries from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\n`));
  expect([clone.read('data/x.csv'), clone.read('data/sub/y.csv')]).toEqual(['x\n', 'y\n']);
});
