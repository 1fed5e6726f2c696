// An http(s) remote on static hosting (or any server with no folders) answers 404 for its own
// path. A pull whose local cache already holds everything asks the server nothing and is up to
// date; one missing a single object the server lacks says so per object; only a pull that asked
// and found nothing at all under a 404 path is told the remote does not exist.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { MAKE_SUM_PIPELINE as pipeline } from './helpers.js';
import { startHttp } from './http-server.js';
import { ObjectCache, readLock } from '../../src/stores/index.js';

function lockHash(root: string, stage: string): string {
  const lock = readLock(root);
  const hash = lock.ok ? lock.value.stages[stage]?.outs[0]?.hash : undefined;
  if (hash === undefined) throw new Error(`no out of ${stage} in pipeline.lock`);
  return hash;
}

const env = { PIPE_REMOTE: '', PIPE_HTTP_USER: '', PIPE_HTTP_PASSWORD: '', PIPE_HTTP_TOKEN: '' };

async function pushedAndCloned() {
  const server = await startHttp({ noFolders: true });
  const remote = `${server.origin}/store`;
  const config = { 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n` };
  const origin = makeRig(config);
  expect((await origin.run('repro')).code).toBe(0);
  expect((await origin.runWith({ env }, 'push')).code).toBe(0);
  const clone = makeRig({ ...config, 'pipeline.lock': origin.read('pipeline.lock') });
  const first = await clone.runWith({ env }, 'pull');
  // the run-cache entries too, through the run-index the push wrote: no note
  expect([first.code, first.stderr]).toEqual([0, '']);
  return { server, remote, origin, clone };
}

test('a second pull, and repro --pull, with a warm cache: up to date, exit 0', async () => {
  const { remote, clone } = await pushedAndCloned();
  const again = await clone.runWith({ env }, 'pull');
  expect([again.code, again.stdout, again.stderr]).toEqual([0, `pulled 0 objects (0 B) and 0 run-cache entries from ${remote}; already in the local cache: 4 objects and 2 run-cache entries\n`, '']);
  const repro = await clone.runWith({ env }, 'repro', '--pull');
  expect([repro.code, repro.stderr]).toEqual([0, '']);
  expect(repro.stdout).toBe(`pulled 0 objects (0 B) and 0 run-cache entries from ${remote}; already in the local cache: 4 objects and 2 run-cache entries\nmake: up to date\nsum: up to date\nEverything is up to date.\n`);
});

test('the one object asked for is not on the server: named as a missing object, exit 1', async () => {
  const { server, remote, clone } = await pushedAndCloned();
  const total = lockHash(clone.dir, 'sum');
  fs.rmSync(path.join(server.dir, 'store', 'objects', total.slice(0, 2), total.slice(2)));
  fs.rmSync(new ObjectCache(clone.dir).pathOf(total));
  const pulled = await clone.runWith({ env }, 'pull');
  expect([pulled.code, pulled.stdout]).toEqual([1, `pulled 0 objects (0 B) and 0 run-cache entries from ${remote}; already in the local cache: 3 objects and 2 run-cache entries\n`]);
  expect(pulled.stderr).toBe(`error: object ${total} (total.txt, stage sum) is not on the remote ${remote}\n1 object is not on the remote ${remote}, so total.txt was not checked out: whoever pushed it should run \`pipe push\` again from the cache that holds it (an interrupted push leaves some out), then pull again\n`);
});

test('nothing found at all under a 404 path: the remote does not exist, exit 2', async () => {
  const { origin, server } = await pushedAndCloned();
  const remote = `${server.origin}/nosuch`;
  const clone = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n`, 'pipeline.lock': origin.read('pipeline.lock') });
  const pulled = await clone.runWith({ env }, 'pull');
  expect(pulled.code).toBe(2);
  expect(pulled.stderr).toMatch(new RegExp(`^error: pipe\\.config\\.yaml:1:9: remote ${remote} does not exist\n`));
});
