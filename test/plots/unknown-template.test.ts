// A template pipe does not draw (a typo) is refused at its pipeline.yaml line, with the known
// names and a "did you mean": by the schema for engine commands, by `pipe plots` before drawing.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const PIPELINE = `stages:
  ev:
    cmd: printf 'y_true,y_pred\\n3,2.5\\n1,1.2\\n' > sc.csv
    plots:
      - sc.csv:
          template: smoothy
          x: y_true
          y: y_pred
`;
const KNOWN = '(known: linear, simple, scatter, smooth, confusion, confusion_normalized, bar_horizontal, bar_horizontal_sorted)';

test('pipe status and pipe repro: a schema error at the template\'s line', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE });
  for (const cmd of ['status', 'repro']) {
    const r = await rig.run(cmd);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      `error: pipeline.yaml:6:21: unknown template 'smoothy' in plots entry 'sc.csv' of stage 'ev': did you mean 'smooth'? ${KNOWN}\n` +
        '            template: smoothy\n' +
        '                      ^\n',
    ]);
  }
  expect(rig.exists('sc.csv')).toBe(false);
});

test('pipe plots show: refused before drawing, at the same line', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE, 'sc.csv': 'y_true,y_pred\n3,2.5\n1,1.2\n' });
  const r = await rig.run('plots', 'show');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: pipeline.yaml:6:21: unknown template 'smoothy' for sc.csv: did you mean 'smooth'? ${KNOWN}\n`]);
  expect(rig.exists('plots')).toBe(false);
});
