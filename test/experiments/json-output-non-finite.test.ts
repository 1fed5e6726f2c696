// `--json` output with NaN and ±Infinity among metrics and params (a diverged run's loss, a
// `.inf` param): each printed as the string "NaN", "Infinity" or "-Infinity", so the output is
// JSON every parser reads (JSON.parse here) and the value is not lost, as null would lose it
// (experiment records keep the bare words Python's json.dump writes: json-data.ts).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const write = (loss: string) => `require('fs').writeFileSync('train.json', '{"loss": ${loss}, "hi": Infinity, "lo": [-Infinity], "acc": 0.5}\\n');\n`;

test('metrics show/diff, params diff and exp show --json write non-finite numbers as strings', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  train:\n    cmd: node write.js\n    deps: [write.js]\n    params: [lr]\n    metrics: [train.json]\n',
    'params.yaml': 'lr: .inf\n',
    'write.js': write('NaN'),
  });
  expect((await rig.run('exp', 'run', '-n', 'diverged')).code).toBe(0);
  const show = await rig.run('metrics', 'show', '--json');
  expect([show.code, show.stdout, show.stderr]).toEqual([0, '{\n  "train.json": {\n    "loss": "NaN",\n    "hi": "Infinity",\n    "lo.0": "-Infinity",\n    "acc": 0.5\n  }\n}\n', '']);
  expect(JSON.parse(show.stdout)).toEqual({ 'train.json': { loss: 'NaN', hi: 'Infinity', 'lo.0': '-Infinity', acc: 0.5 } });

  rig.write({ 'params.yaml': 'lr: 0.1\n', 'write.js': write('0.25') });
  expect((await rig.run('exp', 'run', '-n', 'fixed')).code).toBe(0);
  const metrics = await rig.run('metrics', 'diff', 'diverged', 'fixed', '--json');
  // unchanged non-finite values are no difference; NaN to a number is, without a diff
  expect([metrics.code, metrics.stdout, metrics.stderr]).toEqual([0, '{\n  "train.json": {\n    "loss": {\n      "old": "NaN",\n      "new": 0.25\n    }\n  }\n}\n', '']);
  const params = await rig.run('params', 'diff', 'diverged', 'fixed', '--json');
  expect([params.code, params.stdout, params.stderr]).toEqual([0, '{\n  "params.yaml": {\n    "lr": {\n      "old": "Infinity",\n      "new": 0.1\n    }\n  }\n}\n', '']);
  const exp = await rig.run('exp', 'show', '--all', '--json');
  expect([exp.code, exp.stderr]).toEqual([0, '']);
  const rows = JSON.parse(exp.stdout) as { name: string; params: unknown; metrics: unknown }[];
  expect(rows.map((r) => [r.name, r.params, r.metrics])).toEqual([
    ['diverged', { lr: 'Infinity' }, { loss: 'NaN', hi: 'Infinity', 'lo.0': '-Infinity', acc: 0.5 }],
    ['fixed', { lr: 0.1 }, { loss: 0.25, hi: 'Infinity', 'lo.0': '-Infinity', acc: 0.5 }],
  ]);
});
