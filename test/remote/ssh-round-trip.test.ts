// An ssh:// remote end to end, through the real CLI against an SSH server in the test process
// (ssh-server.ts: SFTP over a temp folder): push fills the folder with the directory-remote layout
// (byte for byte what a push to a directory remote writes), a second push sends nothing,
// `status -c` compares, and a fresh clone restores every stage from it, run-cache entries
// included, without running a command. No temp file is left behind on the server.
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { runsDir } from '../../src/stores/layout.js';
import { MAKE_SUM_PIPELINE as pipeline, snapshot, tempDir } from './helpers.js';
import { sshEnv, startSsh } from './ssh-server.js';

test('push over ssh, push again, status -c, then a fresh clone restores every stage from the server', async () => {
  const server = await startSsh();
  const remote = server.url('/srv/pipe/project');
  const run = { env: sshEnv(server) };
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

  // the same files, byte for byte, as a directory remote the same push fills; no temp file left
  const dir = path.join(tempDir(), 'dir-remote');
  expect((await origin.runWith(run, 'push', '-r', dir)).code).toBe(0);
  const served = snapshot(path.join(server.dir, 'srv/pipe/project'));
  expect(served).toEqual(snapshot(dir));
  expect(Object.keys(served).filter((f) => f.startsWith('objects/')).length).toBe(4);
  expect(Object.keys(served).filter((f) => f.startsWith('runs/')).length).toBe(2);
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
  // the run-cache entries arrived as the origin holds them
  const runs = snapshot(runsDir(origin.dir));
  expect(Object.keys(runs).length).toBe(2);
  expect(snapshot(runsDir(clone.dir))).toEqual(runs);

  const pulled = await clone.runWith(run, 'pull');
  expect([pulled.code, pulled.stdout, pulled.stderr]).toEqual([0, `pulled 0 objects (0 B) and 0 run-cache entries from ${remote}; already in the local cache: 4 objects and 2 run-cache entries\n`, '']);
});

test('a folder pushed to a directory remote is pulled over ssh from the same folder, and one pushed over ssh read as a directory remote', async () => {
  const server = await startSsh();
  const run = { env: sshEnv(server) };
  const origin = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data/x.csv': 'x\n', 'data/sub/y.bin': '\u0000\u00ff\n' });
  expect((await origin.run('add', 'data')).code).toBe(0);
  // pushed as a directory remote into the server's folder, pulled over ssh
  expect((await origin.runWith(run, 'push', '-r', path.join(server.dir, 'shared'))).code).toBe(0);
  const clone = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data.pipe': origin.read('data.pipe') });
  const pulled = await clone.runWith(run, 'pull', '-r', server.url('/shared'));
  expect([pulled.code, pulled.stderr]).toEqual([0, '']);
  expect(pulled.stdout).toMatch(new RegExp(`^pulled 3 objects \\(\\d+ B\\) and 0 run-cache entries from ${server.url('/shared')}; already in the local cache: 0 objects and 0 run-cache entries\nchecked out data \\(data\\.pipe\\)\n$`));
  expect([clone.read('data/x.csv'), clone.read('data/sub/y.bin')]).toEqual(['x\n', '\u0000\u00ff\n']);

  // pushed over ssh, pulled as a directory remote
  expect((await origin.runWith(run, 'push', '-r', server.url('/over-ssh'))).code).toBe(0);
  const third = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data.pipe': origin.read('data.pipe') });
  const local = await third.runWith(run, 'pull', '-r', path.join(server.dir, 'over-ssh'));
  expect([local.code, local.stderr]).toEqual([0, '']);
  expect(third.read('data/sub/y.bin')).toBe('\u0000\u00ff\n');
});
