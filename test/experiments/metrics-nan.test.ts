// Metrics JSON with NaN, Infinity, -Infinity (Python's json.dump writes them: a diverged run's
// loss): read as numbers, printed `nan`/`inf`/`-inf` as DVC prints them, kept as such in the
// experiment record, the other metrics kept beside them.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const files = {
  'pipeline.yaml': 'stages:\n  train:\n    cmd: node write.js\n    deps: [write.js]\n    metrics: [train.json, eval.yaml]\n',
  // as Python's json.dump writes a diverged run's metrics
  'write.js': `require('fs').writeFileSync('train.json', '{"loss": NaN, "acc": 0.1, "hi": Infinity, "lo": [-Infinity]}\\n');
require('fs').writeFileSync('eval.yaml', 'f1: 0.5\\n');
`,
};

test('NaN and Infinity in a metrics file are numbers, shown and recorded with the other metrics', async () => {
  const rig = makeRig(files);
  const run = await rig.run('exp', 'run', '-n', 'diverged');
  expect([run.code, run.stderr]).toEqual([0, '']);
  const show = await rig.run('metrics', 'show');
  expect([show.code, show.stdout, show.stderr]).toEqual([
    0,
    'Path        Metric  Value\ntrain.json  loss    nan\ntrain.json  acc     0.1\ntrain.json  hi      inf\ntrain.json  lo.0    -inf\neval.yaml   f1      0.5\n',
    '',
  ]);
  const [file] = readdirSync(join(rig.dir, 'metrics/experiments'));
  const text = rig.read(`metrics/experiments/${file}`);
  expect(text).toContain('"metrics": {\n    "train.json": {\n      "loss": NaN,\n      "acc": 0.1,\n      "hi": Infinity,\n      "lo.0": -Infinity\n    },\n    "eval.yaml": {\n      "f1": 0.5\n    }\n  },');
  const exp = await rig.run('exp', 'show', '--all');
  expect([exp.code, exp.stdout.replace(/\d{4}-\d\d-\d\d \d\d:\d\d/, 'YYYY-MM-DD HH:MM'), exp.stderr]).toEqual([
    0,
    'Experiment  Created           f1   loss  acc  hi   lo.0\ndiverged    YYYY-MM-DD HH:MM  0.5  nan   0.1  inf  -inf\n',
    '',
  ]);
  const csv = await rig.run('exp', 'show', '--all', '--csv');
  expect(csv.stdout.split('\n').slice(0, 2)).toEqual(['Experiment,Created,f1,loss,acc,hi,lo.0', expect.stringMatching(/^diverged,\d{4}-[^,]+,0\.5,nan,0\.1,inf,-inf$/)]);
  const diff = await rig.run('metrics', 'diff', 'diverged', 'workspace');
  expect([diff.code, diff.stdout, diff.stderr]).toEqual([0, '', 'note: no differences between diverged and workspace\n']);
});
