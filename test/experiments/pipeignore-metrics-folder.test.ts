// A folder under `metrics:` stands for its data files less what .pipeignore matches: `pipe
// metrics show` and the experiment record leave an ignored draft out, as the folder's hash does.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const cmd = `mkdir -p scores/drafts && echo '{"acc": 0.9}' > scores/a.json && echo '{"acc": 0.1}' > scores/drafts/old.json && echo '{"f1": 0.2}' > scores/b.tmp.json`;
const pipeline = `stages:
  ev:
    cmd: ${JSON.stringify(cmd)}
    metrics: [scores]
`;

test('metrics folders leave out what .pipeignore matches', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, '.pipeignore': 'drafts/\n*.tmp.json\n' });
  const env = { env: { NO_COLOR: '1', COLUMNS: '' } };
  const r = await rig.runWith(env, 'repro');
  expect([r.code, r.stderr]).toEqual([0, '']);
  const show = await rig.runWith(env, 'metrics', 'show');
  expect([show.code, show.stdout, show.stderr]).toEqual([0, 'Path           Metric  Value\nscores/a.json  acc     0.9\n', '']);
  const records = readdirSync(join(rig.dir, 'metrics/experiments'));
  expect(records).toHaveLength(1);
  expect(JSON.parse(rig.read(`metrics/experiments/${records[0]}`)).metrics).toEqual({ 'scores/a.json': { acc: 0.9 } });
});
