// params.yaml edited while an experiment's stage runs: the record holds the values the stages read
// (pipeline.lock's), not the file as it is when the run ends, and the run warns, naming the keys.
import { expect, test } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeRig, waitFor } from '../rig.js';

// train says it started, then waits for the test's `go` before writing its metric
const PROJECT = {
  'pipeline.yaml': `stages:
  prep:
    cmd: echo prepped > prep.txt
    params: [prep.n]
    outs: [prep.txt]
  train:
    cmd: sh train.sh
    deps: [prep.txt, train.sh]
    params: [train]
    metrics:
      - m.json:
          cache: false
`,
  'train.sh': 'touch started\nwhile [ ! -f go ]; do sleep 0.05; done\necho \'{"acc": 0.5}\' > m.json\n',
  'params.yaml': 'prep:\n  n: 20\ntrain:\n  lr: 0.01  # learning rate\n  epochs: 5\n  opt:\n    name: adam\n',
};

test('the record keeps the values read at the start; the keys edited meanwhile are named', async () => {
  const rig = makeRig({ ...PROJECT, go: '' });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  rig.remove('started');
  rig.remove('go');
  const run = rig.start(['exp', 'run', '-S', 'train.lr=0.02', '-n', 'midedit']);
  await waitFor(() => rig.exists('started'));
  // while train runs: a key train reads, a key prep (up to date) reads, and a new one
  rig.write({ 'params.yaml': 'prep:\n  n: 25\ntrain:\n  lr: 0.02  # learning rate\n  epochs: 9\n  extra: 1\n  opt:\n    name: adam\n' });
  rig.write({ go: '' });
  const r = await run.done;
  expect(r.code).toBe(0);
  expect(r.stderr).toBe(
    'warning: params.yaml changed while the run went on: prep.n (read 20, now 25), train.epochs (read 5, now 9), train.extra (not there when read, now 1); ' +
      'the experiment record holds the values read when the run started, as pipeline.lock does (a stage that started after the edit may have read the new ones)\n' +
      'hint: `pipe status` names the stages the values now make out of date; `pipe repro` runs them\n',
  );
  const [file] = readdirSync(join(rig.dir, 'metrics/experiments'));
  const rec = JSON.parse(rig.read(`metrics/experiments/${file}`)) as { name: string; params: unknown };
  expect(rec.name).toBe('midedit');
  // in the file's own key order, as exp show lists them
  expect(JSON.stringify(rec.params)).toBe('{"prep":{"n":20},"train":{"lr":0.02,"epochs":5,"opt":{"name":"adam"}}}');
  expect(rig.read('pipeline.lock')).toContain('epochs: 5');
});

test('a run whose params files did not change warns of nothing', async () => {
  const rig = makeRig({ ...PROJECT, go: '' });
  const r = await rig.run('exp', 'run', '-S', 'train.epochs=6', '-n', 'plain');
  expect([r.code, r.stderr]).toEqual([0, '']);
  const [file] = readdirSync(join(rig.dir, 'metrics/experiments'));
  expect((JSON.parse(rig.read(`metrics/experiments/${file}`)) as { params: unknown }).params).toEqual({ prep: { n: 20 }, train: { lr: 0.01, epochs: 6, opt: { name: 'adam' } } });
});
