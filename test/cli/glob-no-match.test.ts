// A --glob pattern that matches no stage is a usage error (exit 2) naming the pattern and the
// stages, with a did-you-mean where a near stage name makes it match; nothing runs.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { COPIES, GLOB_PIPELINE, STAGE_LIST } from './glob-pipeline.js';

test('repro: each pattern that matches nothing is named, and nothing runs', async () => {
  const rig = makeRig({ 'pipeline.yaml': GLOB_PIPELINE });
  const r = await rig.run('repro', '--glob', 'trian@*', 'other', 'sweep@0.1-*');
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(
    `error: --glob pattern 'trian@*' matches no stage in pipeline.yaml (stages: ${STAGE_LIST}); did you mean 'train@*'?\n` +
      `error: --glob pattern 'sweep@0.1-*' matches no stage in pipeline.yaml (stages: ${STAGE_LIST})\n`,
  );
  expect(COPIES.map((c) => rig.count(c))).toEqual([0, 0, 0, 0, 0, 0, 0]);
});

test('status, checkout, commit: the same error; a path is not a stage pattern', async () => {
  const rig = makeRig({ 'pipeline.yaml': GLOB_PIPELINE });
  for (const cmd of ['status', 'checkout', 'commit']) {
    const r = await rig.run(cmd, '--glob', 'o.txt');
    expect([cmd, r.code, r.stdout, r.stderr]).toEqual([cmd, 2, '', `error: --glob pattern 'o.txt' matches no stage in pipeline.yaml (stages: ${STAGE_LIST})\n`]);
  }
  const path = await rig.run('status', '--glob', 'data/*');
  expect(path.stderr).toBe(`error: --glob pattern 'data/*' matches no stage in pipeline.yaml (stages: ${STAGE_LIST}); --glob patterns match stage names, not paths (name a path without --glob)\n`);
  expect(path.code).toBe(2);
});

test('a pattern picomatch cannot take (empty) is the same kind of error, not a crash', async () => {
  const rig = makeRig({ 'pipeline.yaml': GLOB_PIPELINE });
  const r = await rig.run('repro', '--glob', '', 'other');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', "error: --glob pattern '' cannot be used: it is empty\n"]);
  expect(COPIES.map((c) => rig.count(c))).toEqual([0, 0, 0, 0, 0, 0, 0]);
});
