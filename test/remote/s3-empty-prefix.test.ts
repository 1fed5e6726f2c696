// A pull from an s3:// prefix with nothing under it (a mistyped prefix, or nothing pushed yet)
// is one error, as for a directory remote that does not exist, not one line per object; a push
// to it fills it, and pulls from it work from then on.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { BUCKET, startS3 } from './s3-server.js';

test('pull from an empty prefix: one error; a push fills it', async () => {
  const s3 = await startS3();
  const origin = makeRig({ 'pipeline.yaml': 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n', 'pipe.config.yaml': `remote: s3://${BUCKET}/team/project\n` });
  expect((await origin.run('repro')).code).toBe(0);
  const clone = makeRig({ 'pipeline.yaml': origin.read('pipeline.yaml'), 'pipeline.lock': origin.read('pipeline.lock'), 'pipe.config.yaml': origin.read('pipe.config.yaml') });

  const empty = await clone.runWith({ env: s3.env }, 'pull');
  expect([empty.code, empty.stdout, empty.stderr]).toEqual([
    2,
    '',
    `error: pipe.config.yaml:1:9: remote s3://${BUCKET}/team/project does not exist\n` +
      'hint: check `remote:` in pipe.config.yaml, or override it with --remote or $PIPE_REMOTE; a new remote is created by the first `pipe push`\n',
  ]);
  // a key that only starts like the prefix is not under it
  await s3.put('team/project-old/objects/00/x', 'x');
  expect((await clone.runWith({ env: s3.env }, 'pull')).stderr).toBe(empty.stderr);

  expect((await origin.runWith({ env: s3.env }, 'push')).code).toBe(0);
  const pulled = await clone.runWith({ env: s3.env }, 'pull');
  expect([pulled.code, pulled.stdout, pulled.stderr]).toEqual([0, `pulled 1 object (5 B) and 1 run-cache entry from s3://${BUCKET}/team/project; already in the local cache: 0 objects and 0 run-cache entries\nchecked out a.txt (make)\n`, '']);
});
