// A plain static file server (GET and HEAD only, PUT answered 405) serving a directory remote:
// a clone pulls from it (and `repro --pull` restores from it), every object re-hashed on arrival
// (one changed on the server is rejected, not stored); a push to it stops with one error naming
// the refused PUT and its status and saying what kind of server a push needs.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { MAKE_SUM_PIPELINE as pipeline } from './helpers.js';
import { startHttp } from './http-server.js';

const env = { PIPE_REMOTE: '', PIPE_HTTP_USER: '', PIPE_HTTP_PASSWORD: '', PIPE_HTTP_TOKEN: '' };

test('pull and repro --pull from a read-only server; push says PUT was refused and what to do', async () => {
  const server = await startHttp({ readOnly: true });
  const remote = `${server.origin}/cache`;
  const origin = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n` });
  expect((await origin.run('repro')).code).toBe(0);
  // the folder the server serves, filled as a directory remote
  expect((await origin.runWith({ env }, 'push', '-r', path.join(server.dir, 'cache'))).code).toBe(0);

  const clone = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n`, 'pipeline.lock': origin.read('pipeline.lock') });
  const repro = await clone.runWith({ env }, 'repro', '--pull');
  // pushed to the folder, so no run-index: the run-cache entries are not found, and the note says so
  expect([repro.code, repro.stderr]).toEqual([0, `note: run-cache entries for the current inputs of stages make, sum are not pulled from ${remote}: an http(s) remote cannot be listed, and it has no run-index for them (none were pushed, or only by a pipe from before the run-index or not over http(s): a \`pipe push\` to it from a clone holding them writes one); the outputs pipeline.lock records are pulled\n`]);
  expect(repro.stdout).toMatch(new RegExp(`^pulled 4 objects \\(\\d+ B\\) and 0 run-cache entries from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\nmake: restored from cache\nsum: restored from cache\n2 restored from cache\\.\n$`));
  expect([clone.count('make'), clone.count('sum'), clone.read('total.txt')]).toEqual([0, 0, 'made\nmore\n']);

  // the server's copy of total.txt changed: a fresh pull rejects it and stores nothing under its name
  const total = origin.read('pipeline.lock').match(/path: total\.txt\n\s+hash: ([0-9a-f]{64})/)?.[1] ?? 'no total.txt in the lock';
  fs.writeFileSync(path.join(server.dir, 'cache/objects', total.slice(0, 2), total.slice(2)), 'forged\n');
  const other = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n`, 'pipeline.lock': origin.read('pipeline.lock') });
  const pulled = await other.runWith({ env }, 'pull');
  expect(pulled.code).toBe(1);
  expect(pulled.stderr).toContain(`error: remote object ${total} (total.txt, stage sum) does not match its hash (tampered or damaged on ${remote}); not stored. The remote's copy must be replaced: where a cache holds a good copy, \`pipe push --force sum\` sends it again (a plain push skips objects the remote already lists)\n`);
  expect(fs.existsSync(path.join(other.dir, 'cache/objects', total.slice(0, 2), total.slice(2)))).toBe(false);

  // a push (one transfer at a time): the first PUT is refused, and no other is tried
  clone.write({ 'out/c.txt': 'new\n' });
  expect((await clone.run('repro')).code).toBe(0);
  const before = server.requests.length;
  const push = await clone.runWith({ env }, 'push', '-j', '1');
  const put = server.requests.slice(before).filter((r) => r.startsWith('PUT '));
  expect(put).toHaveLength(1);
  expect([push.code, push.stdout, push.stderr]).toEqual([
    2,
    '',
    `error: pipe.config.yaml:1:9: cannot use remote ${remote}: the server refused PUT (HTTP 405 Method Not Allowed for ${put[0]?.slice('PUT /cache/'.length)})\n` +
      'hint: `pipe push` needs a server that stores what is sent with PUT (WebDAV: nginx\'s dav module, Apache mod_dav, `rclone serve webdav`); a plain static file server is read-only: pull from it, and push to the folder it serves (a directory remote)\n',
  ]);
});
