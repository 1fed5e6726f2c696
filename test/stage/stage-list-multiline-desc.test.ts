// `pipe stage list` shows the first line of a desc of several lines, as DVC does, so each stage
// stays one line of the table; --json keeps the whole desc.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('first line of a multi-line desc', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  train:\n    desc: |\n      trains the model\n      on the split data\n    cmd: echo\n  lint:\n    cmd: echo\n' });
  const r = await rig.run('stage', 'list');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'train  trains the model\nlint   no outputs\n', '']);
  const json = JSON.parse((await rig.run('stage', 'list', '--json')).stdout) as { stages: { desc?: string }[] };
  expect(json.stages[0]?.desc).toBe('trains the model\non the split data\n');
});
