// A file git left with conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`) is one error at the
// first marker's line saying so, with what to do, instead of a run of YAML syntax errors that
// never say "merge" (printed once, however many stages read the file). Exit 2, nothing run.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const conflicted = (ours: string, theirs: string) => `<<<<<<< HEAD\n${ours}=======\n${theirs}>>>>>>> b1\n`;

const pipeline = `stages:
  prep:
    cmd: ${counted('prep', 'echo ${lr} > p.txt')}
    outs: [p.txt]
  train:
    cmd: ${counted('train', 'cat p.txt > t.txt')}
    deps: [p.txt]
    params: [lr]
    outs: [t.txt]
  eval:
    cmd: ${counted('eval', 'cat t.txt > e.txt')}
    deps: [t.txt]
    params: [lr]
    outs: [e.txt]
`;

test('params.yaml and pipeline.yaml with conflict markers: one error each, at the marker', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': `${conflicted('lr: 3\n', 'lr: 2\n')}seed: 1\n` });
  const r = await rig.run('repro');
  expect([r.code, r.stdout, rig.count('prep')]).toEqual([2, '', 0]);
  expect(r.stderr).toBe(
    'error: params.yaml:1:1: unresolved git merge conflict (resolve it: keep the lines you want, delete the <<<<<<<, ======= and >>>>>>> lines, then `git add params.yaml`)\n' +
      '  <<<<<<< HEAD\n  ^\n',
  );
  rig.write({ 'params.yaml': 'lr: 3\n', 'pipeline.yaml': pipeline.replace('  eval:\n', `${conflicted('  eval:\n', '  evaluate:\n')}`) });
  const p = await rig.run('status');
  expect([p.code, p.stdout, p.stderr]).toEqual([
    2,
    '',
    'error: pipeline.yaml:10:1: unresolved git merge conflict (resolve it: keep the lines you want, delete the <<<<<<<, ======= and >>>>>>> lines, then `git add pipeline.yaml`)\n' +
      '  <<<<<<< HEAD\n  ^\n',
  ]);
});

test('pipeline.lock with conflict markers: take a side or delete it, then repro', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'lr: 3\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const lock = rig.read('pipeline.lock');
  const merged = lock.replace(/^( +)lr: 3\n/m, (line, indent: string) => conflicted(line, `${indent}lr: 2\n`));
  expect(merged).not.toBe(lock);
  rig.write({ 'pipeline.lock': merged });
  const r = await rig.run('repro');
  expect([r.code, r.stdout, rig.count('train')]).toEqual([2, '', 1]);
  expect(r.stderr).toMatch(
    /^error: pipeline\.lock:\d+:1: unresolved git merge conflict \(take either side with `git checkout --theirs pipeline\.lock` \(or `--ours`\), then `pipe repro` \(or `pipe commit`\) brings it up to date; or delete it and run `pipe repro`\)\n {2}<<<<<<< HEAD\n {2}\^\n$/,
  );
  rig.write({ 'pipeline.lock': lock });
  const s = await rig.run('status');
  expect([s.code, s.stdout]).toEqual([0, 'Everything is up to date.\n']);
});

test('pipe.config.yaml with conflict markers', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'lr: 3\n', 'pipe.config.yaml': `remote: ../r\n${conflicted('record: false\n', 'record: true\n')}` });
  const r = await rig.run('remote', 'list');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    'error: pipe.config.yaml:2:1: unresolved git merge conflict\nhint: resolve it: keep the lines you want, delete the <<<<<<<, ======= and >>>>>>> lines, then `git add pipe.config.yaml`\n',
  ]);
});
