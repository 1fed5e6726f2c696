// An unknown target of push, pull or status -c: the hint lists the stages and the tracked data,
// since the target may be tracked data mistyped.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { MAKE_SUM_PIPELINE, rigRemote } from './helpers.js';

test('push nosuch names the known stages and the tracked data, exit 2', async () => {
  const rig = makeRig({ 'pipeline.yaml': MAKE_SUM_PIPELINE, 'raw.csv': 'r\n', 'data/x.csv': 'x\n' });
  rigRemote(rig);
  expect((await rig.run('add', 'raw.csv', 'data')).code).toBe(0);
  expect((await rig.run('repro')).code).toBe(0);
  const hint = 'hint: known stages: make, sum; run `pipe repro` first for new stages; tracked data: data, raw.csv\n';
  for (const args of [['push', 'raw.cvs'], ['pull', 'raw.cvs'], ['status', '-c', 'raw.cvs']]) {
    const r = await rig.run(...args);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: stage not in pipeline.lock: raw.cvs\n${hint}`]);
  }
});
