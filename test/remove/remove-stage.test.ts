// `pipe remove NAME` takes the stage out of pipeline.yaml, its entry out of pipeline.lock and its
// output's line out of .gitignore; the output stays, the cache keeps it, and the stages left are
// up to date: a repro runs nothing. Added again later, the stage gets its .gitignore line back.
import { expect, test } from 'vitest';
import { initRepo } from '../add/helpers.js';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  prep:
    cmd: ${counted('prep', 'echo p > p.txt')}
    outs: [p.txt]
  other:
    cmd: ${counted('other', 'echo o > o.txt')}
    outs: [o.txt]
`;

test('the stage leaves pipeline.yaml, the lock and .gitignore; its output stays; nothing reruns', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  initRepo(rig.dir);
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n/o.txt\n/p.txt\n');
  const r = await rig.run('remove', 'prep');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    "Removed stage 'prep' from pipeline.yaml and pipeline.lock; its outputs (p.txt) stay in the workspace, and the cache keeps them until `pipe gc`\n",
    'note: .gitignore: removed /p.txt\n',
  ]);
  expect(rig.read('pipeline.yaml')).toBe(pipeline.split('\n').slice(0, 1).concat(pipeline.split('\n').slice(4)).join('\n'));
  expect(rig.read('pipeline.lock')).not.toContain('prep');
  expect(rig.read('pipeline.lock')).toContain('  other:\n');
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n/o.txt\n');
  expect(rig.read('p.txt')).toBe('p\n');
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  expect((await rig.run('repro')).code).toBe(0);
  expect([rig.count('prep'), rig.count('other')]).toEqual([1, 1]);
  // the same stage added again: pipe looks at its output afresh and ignores it again
  const again = await rig.run('stage', 'add', '-n', 'prep', '-o', 'p.txt', 'echo p > p.txt');
  expect([again.code, again.stderr]).toEqual([0, 'note: .gitignore: added /p.txt (an output pipe keeps in its cache)\n']);
});

test('outside git: the stage goes, no .gitignore is written', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('repro')).code).toBe(0);
  const r = await rig.run('remove', 'other');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.read('pipeline.yaml')).toBe(pipeline.split('\n').slice(0, 4).join('\n') + '\n');
  expect(rig.exists('.gitignore')).toBe(false);
});
