// $PIPE_HTTP_USER / $PIPE_HTTP_PASSWORD / $PIPE_HTTP_TOKEN are the http(s) remote's credentials:
// `pipe import-url` and `pipe update` send them only to the remote's origin (scheme, host, port;
// the remote from -r, $PIPE_REMOTE or pipe.config.yaml), never to another host a URL names or a
// redirect leads to; such a host asking for credentials gets an error saying why none were sent.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { startHttp } from '../remote/http-server.js';
import { ENV, rewrite } from './helpers.js';

const CREDS = { ...ENV, PIPE_HTTP_USER: 'ann', PIPE_HTTP_PASSWORD: 's3cret' };
const BASIC = `Basic ${Buffer.from('ann:s3cret').toString('base64')}`;

test('credentials go to the remote server only: not to a third-party host, nor after a redirect to one', async () => {
  const third = await startHttp();
  const remote = await startHttp({ basic: { user: 'ann', password: 's3cret' }, redirects: { '/moved.csv': `${third.origin}/y.csv` } });
  const locked = await startHttp({ basic: { user: 'ann', password: 's3cret' } });
  fs.writeFileSync(path.join(remote.dir, 'x.csv'), 'x\n');
  fs.writeFileSync(path.join(third.dir, 'y.csv'), 'y\n');
  fs.writeFileSync(path.join(locked.dir, 'z.csv'), 'z\n');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': `remote: ${remote.origin}/p\n` });

  const fromThird = await rig.runWith({ env: CREDS }, 'import-url', `${third.origin}/y.csv`);
  expect([fromThird.code, fromThird.stderr, rig.read('y.csv')]).toEqual([0, '', 'y\n']);
  const fromRemote = await rig.runWith({ env: CREDS }, 'import-url', `${remote.origin}/x.csv`);
  expect([fromRemote.code, fromRemote.stderr, rig.read('x.csv')]).toEqual([0, '', 'x\n']);
  expect(remote.authorized).toEqual([`GET /x.csv ${BASIC}`]);
  // the remote's server redirects to another host: fetch drops the header there
  const redirected = await rig.runWith({ env: CREDS }, 'import-url', `${remote.origin}/moved.csv`);
  expect([redirected.code, redirected.stderr, rig.read('moved.csv')]).toEqual([0, '', 'y\n']);
  rewrite(path.join(third.dir, 'y.csv'), 'y2\n');
  expect((await rig.runWith({ env: CREDS }, 'update', 'y.csv')).code).toBe(0);
  expect(rig.read('y.csv')).toBe('y2\n');
  expect(third.requests).toEqual(['GET /y.csv', 'GET /y.csv', 'HEAD /y.csv', 'GET /y.csv']);
  expect(third.authorized).toEqual([]);

  const url = `${locked.origin}/z.csv`;
  const refused = await rig.runWith({ env: CREDS }, 'import-url', url);
  expect([refused.code, refused.stdout, refused.stderr]).toEqual([2, '', `error: cannot import ${url}: the server asks for credentials (HTTP 401 Unauthorized); ` +
    `$PIPE_HTTP_USER / $PIPE_HTTP_PASSWORD / $PIPE_HTTP_TOKEN are sent only to the remote's server, so that no other host sees the remote's credentials (the remote's server is ${remote.origin}, from pipe.config.yaml:1:9); ` +
    `to send them to ${locked.origin}, name it as the remote for this command (\`-r ${locked.origin}\`)\n`]);
  expect(locked.authorized).toEqual([]);
  expect(fs.existsSync(path.join(rig.dir, 'z.csv'))).toBe(false);

  // no remote configured at all: nothing gets them
  const bare = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  const none = await bare.runWith({ env: CREDS }, 'import-url', url);
  expect([none.code, none.stderr]).toEqual([2, `error: cannot import ${url}: the server asks for credentials (HTTP 401 Unauthorized); ` +
    `$PIPE_HTTP_USER / $PIPE_HTTP_PASSWORD / $PIPE_HTTP_TOKEN are sent only to the remote's server, so that no other host sees the remote's credentials (no http(s) remote is configured); ` +
    `to send them to ${locked.origin}, name it as the remote for this command (\`-r ${locked.origin}\`)\n`]);
  expect(locked.authorized).toEqual([]);

  // named as the remote (-r, or $PIPE_REMOTE): it gets them, for import and update
  const named = await rig.runWith({ env: CREDS }, 'import-url', '-r', locked.origin, url);
  expect([named.code, named.stderr, rig.read('z.csv')]).toEqual([0, '', 'z\n']);
  const viaEnv = await rig.runWith({ env: { ...CREDS, PIPE_REMOTE: `${locked.origin}/cache` } }, 'update', 'z.csv');
  expect([viaEnv.code, viaEnv.stdout, viaEnv.stderr]).toEqual([0, `z.csv: up to date with ${url}\n`, '']);
  expect(locked.authorized).toEqual([`GET /z.csv ${BASIC}`, `HEAD /z.csv ${BASIC}`]);
});
