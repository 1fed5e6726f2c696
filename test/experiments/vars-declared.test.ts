// The experiments side reads pipeline.yaml as written (old revisions included), so it resolves
// DVC `vars` itself: a metrics path written with a vars-file value is found by `pipe metrics
// show`, and an experiment record keeps the vars files among its other params files, as the
// stages read them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('metrics paths from vars files resolve; records keep the vars files', async () => {
  const rig = makeRig({
    'custom.yaml': 'dir: out\nepochs: 3\n',
    'pipeline.yaml': `vars:
  - custom.yaml
  - {name: m}
stages:
  s:
    cmd: >-
      mkdir -p \${dir} && echo '{"acc": \${epochs}}' > \${dir}/\${name}.json
    metrics:
      - \${dir}/\${name}.json:
          cache: false
`,
  });
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([0, '']);
  const show = await rig.run('metrics', 'show');
  expect([show.code, show.stderr, show.stdout]).toEqual([0, '', 'Path        Metric  Value\nout/m.json  acc     3\n']);
  const records = readdirSync(join(rig.dir, 'metrics', 'experiments'));
  expect(records).toHaveLength(1);
  const rec = JSON.parse(readFileSync(join(rig.dir, 'metrics', 'experiments', records[0] ?? ''), 'utf8')) as { other_params?: unknown };
  expect(rec.other_params).toEqual({ 'custom.yaml': { dir: 'out', epochs: 3 } });
});
