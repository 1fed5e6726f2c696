// `pipe status` with tracked data (`pipe add`): says when it is missing or differs from its
// tracking file, and what to do; in the summary and in --json too.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  other:\n    cmd: echo o > other.txt\n    outs: [other.txt]\n';

test('modified and missing tracked data are named with what to do', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'data/raw/a.txt': 'a\n', 'labels.csv': 'x\n' });
  expect((await rig.run('add', 'data/raw', 'labels.csv')).code).toBe(0);
  expect((await rig.run('repro')).code).toBe(0);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');

  rig.write({ 'data/raw/a.txt': 'edited\n' });
  rig.remove('labels.csv');
  const r = await rig.run('status');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toBe(
    'data/raw: modified (differs from data/raw.pipe): `pipe add data/raw` records the change, `pipe checkout data/raw` restores what data/raw.pipe records\n' +
      'labels.csv: missing (tracked by labels.csv.pipe): `pipe checkout labels.csv` restores it (`pipe pull` first where the cache lacks it)\n' +
      '2 tracked paths changed, 1 up to date.\n',
  );
  const json = JSON.parse((await rig.run('status', '--json')).stdout) as { tracked: unknown };
  expect(json.tracked).toEqual([
    { path: 'data/raw', file: 'data/raw.pipe', state: 'modified' },
    { path: 'labels.csv', file: 'labels.csv.pipe', state: 'missing' },
  ]);
  // a touch is no change: only content counts, as for deps
  rig.write({ 'data/raw/a.txt': 'a\n' });
  expect((await rig.run('status')).stdout).toMatch(/^labels\.csv: missing .*\n1 tracked path changed, 1 up to date\.\n$/);
});

test('tracking files inside node_modules, .git, cache/ or a declared output are not read', async () => {
  const bad = "schema: '1'\nouts: []\n";
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  gen:\n    cmd: mkdir -p gen && echo g > gen/g.txt\n    outs: [gen]\n',
    'node_modules/x/y.pipe': bad,
    '.git/z.pipe': bad,
    'cache/w.pipe': bad,
  });
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'gen/v.pipe': bad });
  const r = await rig.run('status');
  // gen/ differs from the lock now (v.pipe): the stage would be restored, nothing read v.pipe
  expect([r.code, r.stderr]).toEqual([0, '']);
  rig.write({ 'sub/u.pipe': bad });
  const read = await rig.run('status');
  expect([read.code, read.stderr.split('\n')[0]]).toEqual([2, 'error: sub/u.pipe:2:7: `outs` must be a list of exactly one entry {path, hash, size, nfiles} (fix sub/u.pipe, or delete it and run `pipe add` on its data again)']);
});
