// Without --glob a target is a name or a path, as before: `*` in it is a plain character, so
// `sweep@*` names no stage (stage names cannot hold `*`; the error says to add --glob), and nothing runs.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { COPIES, GLOB_PIPELINE, STAGE_LIST } from './glob-pipeline.js';

test('a target with * and no --glob names no stage', async () => {
  const rig = makeRig({ 'pipeline.yaml': GLOB_PIPELINE });
  for (const cmd of ['repro', 'status']) {
    const r = await rig.run(cmd, 'sweep@*');
    expect([cmd, r.code, r.stdout, r.stderr]).toEqual([cmd, 2, '', `error: no stage named 'sweep@*' in pipeline.yaml (stages: ${STAGE_LIST}); to match stage names with a pattern, add --glob\n`]);
  }
  expect(COPIES.map((c) => rig.count(c))).toEqual([0, 0, 0, 0, 0, 0, 0]);
  // and the stage's own name still selects its copies
  expect((await rig.run('repro', 'sweep')).code).toBe(0);
  expect(COPIES.map((c) => rig.count(c))).toEqual([0, 0, 1, 1, 1, 1, 0]);
});
