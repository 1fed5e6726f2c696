// A gs:// remote whose bucket does not exist: push, pull and repro --pull stop with one error
// naming the remote as written and where (pipe.config.yaml:line:col), exit 2, before anything is
// transferred or run; a push never creates the bucket.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';
import { startGcs } from './gcs-server.js';

const pipeline = `stages:
  make:
    cmd: ${counted('make', 'echo made > a.txt')}
    outs: [a.txt]
`;

test('a missing bucket is one error for push, pull and repro --pull, and is never created', async () => {
  const gcs = await startGcs();
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': '# shared cache\nremote: gs://no-such-bucket/team\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const error =
    'error: pipe.config.yaml:2:9: remote gs://no-such-bucket/team: bucket no-such-bucket does not exist\n' +
    'hint: create the bucket first (`pipe push` never creates buckets), or check `remote:` in pipe.config.yaml, or override it with --remote or $PIPE_REMOTE\n';
  for (const args of [['push'], ['pull']]) {
    const r = await rig.runWith({ env: gcs.env }, ...args);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', error]);
  }
  rig.remove('a.txt');
  const repro = await rig.runWith({ env: gcs.env }, 'repro', '--pull');
  expect([repro.code, repro.stdout, repro.stderr]).toEqual([2, '', error]);
  expect(rig.count('make')).toBe(1);
  // only listings and lookups were asked: no upload, no bucket creation
  expect(gcs.requests.filter((r) => !r.startsWith('GET '))).toEqual([]);
  expect(gcs.keys()).toEqual([]);
});
