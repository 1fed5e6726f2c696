// `pipe push` and `pipe pull` with no remote configured: the same error in the same words, in
// the format every command uses (`error: ...`, then `hint: ...`), naming all three ways to give
// one: pipe.config.yaml, $PIPE_REMOTE and --remote. Exit 2, nothing on stdout.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n';

test('push and pull say the same: no remote configured, and where to name one', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('repro')).code).toBe(0);
  for (const direction of ['push', 'pull']) {
    const r = await rig.runWith({ env: { PIPE_REMOTE: '' } }, direction);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      'error: no remote configured (pipe.config.yaml not found)\n' +
        'hint: add a line `remote: <directory, file://, s3://, gs://, azure://, http(s):// or ssh:// URL>` to pipe.config.yaml at the project root, or set $PIPE_REMOTE or pass --remote\n',
    ]);
  }
});
