// Experiment records are left alone by `pipe remove`. Applying one made before the removal puts
// back its pipeline.lock, entry of the removed stage included, but `pipe checkout` restores only
// the stages pipeline.yaml has: the removed stage's outputs come back once it is put back too.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { git, initRepo } from '../add/helpers.js';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  gen:\n    cmd: echo g > g.txt\n    outs: [g.txt]\n  keep:\n    cmd: echo k > k.txt\n    outs: [k.txt]\n';

test('exp apply of an older record: the lock entry returns, the output only with the stage', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'lr: 1\n' });
  initRepo(rig.dir);
  expect((await rig.run('repro')).code).toBe(0);
  git(rig.dir, 'add', 'pipeline.yaml');
  git(rig.dir, 'commit', '-qm', 'two stages');
  const [record] = readdirSync(join(rig.dir, 'metrics/experiments'));
  const id = (record ?? '').replace(/\.json$/, '');
  expect((await rig.run('remove', '--outs', 'gen')).code).toBe(0);
  expect(readdirSync(join(rig.dir, 'metrics/experiments'))).toEqual([record]);
  const applied = await rig.run('exp', 'apply', id);
  expect(applied.code).toBe(0);
  expect(rig.read('pipeline.lock')).toContain('  gen:\n');
  expect((await rig.run('checkout')).code).toBe(0);
  expect(rig.exists('g.txt')).toBe(false);
  git(rig.dir, 'checkout', '-q', 'pipeline.yaml');
  const back = await rig.run('checkout');
  expect([back.code, back.stdout]).toEqual([0, 'gen: g.txt: restored from cache\nkeep: k.txt: up to date\n1 output restored.\n']);
  expect(rig.read('g.txt')).toBe('g\n');
});
