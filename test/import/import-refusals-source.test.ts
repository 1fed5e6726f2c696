// What `pipe import-url` says when the source cannot give the data, each exit 2 with the URL named
// and nothing written: a URL carrying credentials (refused before anything is asked, pointing at
// the variables), not found, credentials missing or refused (naming the variables), access denied,
// a host that cannot be reached, an http folder, a scheme pipe does not read, a missing local file.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { startHttp } from '../remote/http-server.js';
import { ENV } from './helpers.js';

const SET_VARS = 'set $PIPE_HTTP_USER and $PIPE_HTTP_PASSWORD (HTTP basic auth) or $PIPE_HTTP_TOKEN (a bearer token)';

test('each failure: exit 2, the URL and what to do named, nothing written', async () => {
  const open = await startHttp();
  const locked = await startHttp({ basic: { user: 'u', password: 'pw' } });
  const forbidden = await startHttp({ statusFor: { GET: 403 } });
  const gone = await startHttp();
  await gone.close();
  for (const s of [open, locked, forbidden]) fs.writeFileSync(path.join(s.dir, 'x.csv'), 'x');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  const host = (origin: string) => origin.slice('http://'.length);

  // the credential cases name the server as the remote: only its server is sent $PIPE_HTTP_* (import-credentials-scope.test.ts)
  const cases: [string[], Record<string, string>, string][] = [
    [[`http://u:pw@${host(locked.origin)}/x.csv`], {}, `error: cannot import 'http://…@${host(locked.origin)}/x.csv': it carries user:password@, which would be written into the .pipe file you commit; give the URL without it and ${SET_VARS} instead\n`],
    // into folders that do not exist yet: made for the download, removed with it
    [[`${open.origin}/nope.csv`, 'deep/er/nope.csv'], {}, `error: cannot import ${open.origin}/nope.csv: not found (HTTP 404 Not Found); check the URL\n`],
    [[`${open.origin}/a%2Fb`], {}, `error: '${open.origin}/a%2Fb' has no last path segment usable as a file name: give the path to write it to (pipe import-url URL PATH)\n`],
    [[`${locked.origin}/x.csv`], { PIPE_REMOTE: locked.origin }, `error: cannot import ${locked.origin}/x.csv: the server asks for credentials (HTTP 401 Unauthorized); ${SET_VARS}\n`],
    [[`${locked.origin}/x.csv`], { PIPE_REMOTE: locked.origin, PIPE_HTTP_USER: 'u', PIPE_HTTP_PASSWORD: 'wrong' }, `error: cannot import ${locked.origin}/x.csv: the server refused the credentials (HTTP 401 Unauthorized); check $PIPE_HTTP_USER and $PIPE_HTTP_PASSWORD\n`],
    [[`${forbidden.origin}/x.csv`], { PIPE_REMOTE: forbidden.origin }, `error: cannot import ${forbidden.origin}/x.csv: access denied (HTTP 403 Forbidden); the server may need credentials: ${SET_VARS}\n`],
    [[`${forbidden.origin}/x.csv`], { PIPE_REMOTE: forbidden.origin, PIPE_HTTP_TOKEN: 't' }, `error: cannot import ${forbidden.origin}/x.csv: access denied (HTTP 403 Forbidden); check that $PIPE_HTTP_TOKEN may read it\n`],
    [[`${gone.origin}/x.csv`], {}, `error: cannot import ${gone.origin}/x.csv: cannot reach ${host(gone.origin)} (connect ECONNREFUSED ${host(gone.origin)}); check the network and the URL\n`],
    [[`${open.origin}/dir/`], {}, `error: cannot import '${open.origin}/dir/': it names a folder: HTTP cannot list one, so pipe import-url fetches single files over http(s); import each file by its own URL, or fetch the folder from s3:// or a local path\n`],
    [['ftp://h/x.csv'], {}, "error: cannot import 'ftp://h/x.csv': pipe import-url reads http://, https://, s3:// and file:// URLs and local paths, not ftp://\n"],
    [['no-such.csv', 'data/x.csv'], {}, `error: cannot import no-such.csv: not found (${path.join(rig.dir, 'no-such.csv')} does not exist); check the path\n`],
  ];
  for (const [args, env, stderr] of cases) {
    const r = await rig.runWith({ env: { ...ENV, ...env } }, 'import-url', ...args);
    expect([args, r.code, r.stdout, r.stderr]).toEqual([args, 2, '', stderr]);
  }
  // nothing written: no data, no .pipe file, no temp file, no folder made for it, no cache
  expect(fs.readdirSync(rig.dir).filter((n) => n !== '.pipe').sort()).toEqual(['pipeline.yaml']);
});
