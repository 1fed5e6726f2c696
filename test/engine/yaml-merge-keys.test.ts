// YAML merge keys (`<<: *anchor`), a common dvc.yaml idiom to share keys between stages, are
// merged as DVC (ruamel) merges them: the stage's own keys win, the merged keys are validated
// like any other, and a mistake in one is reported where it is written.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  a: &tmpl
    cmd: ${counted('a', 'cat dep.txt > a.txt')}
    deps: [dep.txt]
    outs: [a.txt]
  b:
    <<: *tmpl
    outs: [b.txt]
    cmd: ${counted('b', 'cat dep.txt > b.txt')}
`;

test('a stage merging another: runs with the merged deps, its own outs and cmd', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'dep.txt': 'd\n' });
  const r = await rig.run('repro');
  expect([r.code, rig.count('a'), rig.count('b'), rig.read('b.txt')]).toEqual([0, 1, 1, 'd\n']);
  rig.write({ 'dep.txt': 'e\n' });
  const s = await rig.run('status');
  expect([s.code, s.stdout]).toEqual([0, "a: would run (dep 'dep.txt' changed)\nb: would run (dep 'dep.txt' changed)\n2 would run.\n"]);
});

test('a wrong value in merged keys: located where it is written, exit 2', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline.replace('deps: [dep.txt]', 'deps: [dep.txt]\n    frozen: maybe'), 'dep.txt': 'd\n' });
  const r = await rig.run('status');
  const at = '      frozen: maybe\n              ^\n';
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    `error: pipeline.yaml:5:13: key 'frozen' of stage 'a' must be true or false, not string "maybe"\n${at}` +
      `error: pipeline.yaml:5:13: key 'frozen' of stage 'b' must be true or false, not string "maybe"\n${at}`,
  ]);
});
