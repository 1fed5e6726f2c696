// A WebDAV server that stores a PUT only into an existing folder (Apache mod_dav: 409 Conflict
// otherwise): push makes the missing folders with MKCOL, the remote's own prefix included, then
// sends the object again; a 12 MiB object (streamed from disk, sent with its Content-Length)
// comes back byte for byte.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { startHttp } from './http-server.js';

const env = { PIPE_REMOTE: '', PIPE_HTTP_USER: '', PIPE_HTTP_PASSWORD: '', PIPE_HTTP_TOKEN: '' };

test('missing folders are made with MKCOL; a 12 MiB object goes there and back', async () => {
  const server = await startHttp({ mkcol: true });
  const remote = `${server.origin}/dav/team`;
  fs.mkdirSync(path.join(server.dir, 'dav'));
  const pipeline = `stages:\n  big:\n    cmd: node -e "require('fs').writeFileSync('big.bin', require('crypto').createHash('sha256').update('x').digest().toString('hex').repeat(196608))"\n    outs: [big.bin]\n`;
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n` });
  expect((await rig.run('repro')).code).toBe(0);
  const big = fs.readFileSync(path.join(rig.dir, 'big.bin'));
  expect(big.length).toBe(12 * 1024 * 1024);
  const hash = crypto.createHash('sha256').update(big).digest('hex');

  const pushed = await rig.runWith({ env }, 'push', '-j', '1');
  expect([pushed.code, pushed.stdout, pushed.stderr]).toEqual([0, `pushed 1 object (12.0 MiB) and 1 run-cache entry to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n`, '']);
  expect(server.requests.filter((r) => !r.startsWith('HEAD '))).toEqual([
    `PUT /dav/team/objects/${hash.slice(0, 2)}/${hash.slice(2)}`,
    `MKCOL /dav/team/objects/${hash.slice(0, 2)}/`,
    'MKCOL /dav/team/objects/',
    'MKCOL /dav/team/',
    'MKCOL /dav/team/objects/',
    `MKCOL /dav/team/objects/${hash.slice(0, 2)}/`,
    `PUT /dav/team/objects/${hash.slice(0, 2)}/${hash.slice(2)}`,
    expect.stringMatching(/^PUT \/dav\/team\/runs\/[0-9a-f]{2}\/[0-9a-f]{62}\/[0-9a-f]{64}$/),
    expect.stringMatching(/^MKCOL \/dav\/team\/runs\/[0-9a-f]{2}\/[0-9a-f]{62}\/$/),
    expect.stringMatching(/^MKCOL \/dav\/team\/runs\/[0-9a-f]{2}\/$/),
    'MKCOL /dav/team/runs/',
    expect.stringMatching(/^MKCOL \/dav\/team\/runs\/[0-9a-f]{2}\/$/),
    expect.stringMatching(/^MKCOL \/dav\/team\/runs\/[0-9a-f]{2}\/[0-9a-f]{62}\/$/),
    expect.stringMatching(/^PUT \/dav\/team\/runs\/[0-9a-f]{2}\/[0-9a-f]{62}\/[0-9a-f]{64}$/),
    // the key's run-index: read (none), its folders made, written, read back
    expect.stringMatching(/^GET \/dav\/team\/run-index\/[0-9a-f]{2}\/[0-9a-f]{62}\.json$/),
    expect.stringMatching(/^PUT \/dav\/team\/run-index\/[0-9a-f]{2}\/[0-9a-f]{62}\.json$/),
    expect.stringMatching(/^MKCOL \/dav\/team\/run-index\/[0-9a-f]{2}\/$/),
    'MKCOL /dav/team/run-index/',
    expect.stringMatching(/^MKCOL \/dav\/team\/run-index\/[0-9a-f]{2}\/$/),
    expect.stringMatching(/^PUT \/dav\/team\/run-index\/[0-9a-f]{2}\/[0-9a-f]{62}\.json$/),
    expect.stringMatching(/^GET \/dav\/team\/run-index\/[0-9a-f]{2}\/[0-9a-f]{62}\.json$/),
  ]);
  expect(fs.readFileSync(path.join(server.dir, 'dav/team/objects', hash.slice(0, 2), hash.slice(2))).equals(big)).toBe(true);

  fs.rmSync(path.join(rig.dir, 'cache'), { recursive: true });
  fs.rmSync(path.join(rig.dir, 'big.bin'));
  const pulled = await rig.runWith({ env }, 'pull');
  expect([pulled.code, pulled.stdout]).toEqual([0, `pulled 1 object (12.0 MiB) and 1 run-cache entry from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\nchecked out big.bin (big)\n`]);
  expect(fs.readFileSync(path.join(rig.dir, 'big.bin')).equals(big)).toBe(true);
});
