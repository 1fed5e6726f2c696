// A metrics or plots JSON file that does not parse is one line naming file, line and column and
// what is wrong there (`file:line:col: message`), whatever Node's own message would have said
// (it quoted the text, newlines and all, and gave no position for some errors).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  train:\n    cmd: exit 0\n    metrics: [metrics/train.json]\n    plots: [metrics/history.json]\n';
const hint = 'hint: fix the file or rerun the stage that writes it\n';

test('metrics show and plots show name the line and column of the error in one line', async () => {
  const rig = makeRig({
    'pipeline.yaml': pipeline,
    'metrics/train.json': '{"loss": 0.3,\n "acc": }\n',
    'metrics/history.json': '[{"epoch": 1, "loss": 0.5},\n {"epoch": 2, "loss": 0.4}\n',
  });
  const show = await rig.run('metrics', 'show');
  expect([show.code, show.stdout, show.stderr]).toEqual([1, '', `error: metrics/train.json:2:9: not valid JSON: expected a value, found '}'\n${hint}`]);
  const plots = await rig.run('plots', 'show');
  expect([plots.code, plots.stderr]).toEqual([1, `error: metrics/history.json:3:1: not valid JSON: expected ',' or ']' after an array item, found the end of the file\n${hint}`]);
});
