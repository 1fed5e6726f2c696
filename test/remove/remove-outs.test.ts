// `pipe remove --outs` also deletes the stage's outputs from the workspace; the cache keeps them,
// so putting the stage back (here: pipeline.yaml and pipeline.lock from git) and `pipe checkout`
// restores them without running anything.
import { expect, test } from 'vitest';
import { git, initRepo } from '../add/helpers.js';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  gen:
    cmd: ${counted('gen', 'mkdir -p out && echo a > out/a.txt && echo m > m.json')}
    outs: [out]
    metrics: [m.json]
`;

test('--outs deletes the outputs; the cache still holds them', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  initRepo(rig.dir);
  expect((await rig.run('repro')).code).toBe(0);
  git(rig.dir, 'add', 'pipeline.yaml', 'pipeline.lock');
  git(rig.dir, 'commit', '-qm', 'gen');
  const r = await rig.run('remove', '--outs', 'gen');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    "Removed stage 'gen' from pipeline.yaml and pipeline.lock; deleted its outputs out, m.json\n",
    'note: .gitignore: removed /m.json\nnote: .gitignore: removed /out\n',
  ]);
  expect([rig.exists('out'), rig.exists('m.json')]).toEqual([false, false]);
  expect(rig.read('pipeline.yaml')).toBe('stages:\n');
  git(rig.dir, 'checkout', '-q', 'pipeline.yaml', 'pipeline.lock');
  const back = await rig.run('checkout');
  expect([back.code, back.stdout]).toEqual([0, 'gen: m.json: restored from cache\ngen: out: restored from cache\n2 outputs restored.\n']);
  expect(rig.read('out/a.txt')).toBe('a\n');
  expect(rig.count('gen')).toBe(1);
});
