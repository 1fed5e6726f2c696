// `pipe diff` with no revisions compares HEAD with the workspace: an output a new stage made is
// added, one deleted from the workspace (the cache holds it) deleted, one made again with other
// content modified; as DVC writes it, then the files summary.
import { expect, test } from 'vitest';
import { committedRig, TWO_STAGES } from './helpers.js';

test('added, deleted and modified outputs between HEAD and the workspace', async () => {
  const rig = await committedRig();
  rig.write({
    'params.yaml': 'a: 2\n',
    'pipeline.yaml': `${TWO_STAGES}  c:\n    cmd: echo c > c.txt\n    outs: [c.txt]\n`,
  });
  expect((await rig.run('repro')).code).toBe(0);
  rig.remove('b.txt');
  const r = await rig.run('diff');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    ['Added:', '    c.txt', '', 'Deleted:', '    b.txt', '', 'Modified:', '    a.txt', '', 'files summary: 1 added, 1 deleted, 1 modified, 0 not in cache', ''].join('\n'),
  );
});
