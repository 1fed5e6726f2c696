// A metrics or plots file that does not parse does not empty the experiment record: that file is
// recorded as missing, a warning names it with its line and column, and the other files' metrics
// and rows are recorded as they are.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const files = {
  'pipeline.yaml': 'stages:\n  train:\n    cmd: node write.js\n    deps: [write.js]\n    metrics: [train.json, eval.yaml]\n    plots: [history.json, rows.csv]\n',
  'write.js': `const fs = require('fs');
fs.writeFileSync('train.json', '{"loss": 0.3,\\n "acc": }\\n');
fs.writeFileSync('eval.yaml', 'f1: 0.5\\n');
fs.writeFileSync('history.json', '[{"epoch": 1, "loss": 0.5},\\n');
fs.writeFileSync('rows.csv', 'epoch,loss\\n1,0.5\\n');
`,
};

test('the broken files are named and recorded as missing, the others kept', async () => {
  const rig = makeRig(files);
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([
    0,
    "warning: train.json:2:9: not valid JSON: expected a value, found '}'; recorded as missing in the experiment\n" +
      "warning: history.json:2:1: not valid JSON: expected a value, found the end of the file; recorded as missing in the experiment\n",
  ]);
  const [file] = readdirSync(join(rig.dir, 'metrics/experiments'));
  const record = JSON.parse(rig.read(`metrics/experiments/${file}`)) as { metrics: unknown; plots: unknown };
  expect(record.metrics).toEqual({ 'train.json': null, 'eval.yaml': { f1: 0.5 } });
  expect(record.plots).toEqual({ 'history.json': null, 'rows.csv': [{ epoch: 1, loss: 0.5 }] });
});
