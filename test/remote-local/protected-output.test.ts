// pipe.config.local.yaml is one of pipe's own files, as pipe.config.yaml is: an output naming it is
// refused when the pipeline loads (a run removes its outputs first, so it would delete this clone's
// remote settings), at the output's line, the file kept.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('outs: [pipe.config.local.yaml] is refused, the file kept', async () => {
  const local = 'remotes:\n  nas: /Volumes/nas\n';
  const rig = makeRig({ 'pipeline.yaml': `stages:\n  a:\n    cmd: ${counted('a', 'echo hi > x')}\n    outs: [pipe.config.local.yaml]\n`, 'pipe.config.local.yaml': local });
  const r = await rig.run('repro');
  expect([r.code, r.stdout]).toEqual([2, '']);
  expect(r.stderr).toContain(
    "error: pipeline.yaml:4:12: output 'pipe.config.local.yaml' of stage 'a' is this clone's own remote settings (pipe.config.local.yaml): a run removes its outputs before its command starts, so it would delete it;",
  );
  expect(rig.count('a')).toBe(0);
  expect(rig.read('pipe.config.local.yaml')).toBe(local);
});
