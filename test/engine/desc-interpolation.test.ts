// A stage's `desc` is interpolated as cmd is, with the same checks (DVC resolves `${...}` in every
// field of a stage): a key found nowhere, a `${` it cannot read or a list where one value is
// needed is a configuration error at the reference's `$` (exit 2), never passed on as written;
// `\${` stays a literal `${`; params.yaml, vars and a foreach item fill it in. A desc changes no
// result, so the keys it uses are not params of the stage: the lock does not record them and an
// edit to one reruns nothing.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const params = 'train:\n  lr: 0.1\nlayers: [64, 32]\n';

async function errorOf(desc: string): Promise<string> {
  const rig = makeRig({ 'params.yaml': params, 'pipeline.yaml': `stages:\n  a:\n    cmd: echo hi\n    desc: ${desc}\n` });
  for (const args of [['status'], ['stage', 'list']]) {
    const r = await rig.run(...args);
    expect([r.code, r.stdout]).toEqual([2, '']);
    if (args[0] === 'stage') return r.stderr;
  }
  return '';
}

test('a key found nowhere, an unreadable reference, a list: errors at the $', async () => {
  expect(await errorOf('lr ${train.lrr} here')).toBe(
    "error: pipeline.yaml:4:14: param 'train.lrr' used by stage 'a' is not in params.yaml; params.yaml:2:3 has 'train.lr': is one of the two mistyped?\n" +
      '      desc: lr ${train.lrr} here\n               ^\n',
  );
  expect(await errorOf('"lr ${train.lr} and ${oops"')).toBe(
    "error: pipeline.yaml:4:31: ${oops in stage 'a' has no closing }: a reference is ${key}, ${key.sub}, ${list[0]} or ${list.0}; for a literal ${ write \\${\n" +
      '      desc: "lr ${train.lr} and ${oops"\n' + `${' '.repeat(32)}^\n`,
  );
  expect(await errorOf('net ${layers}')).toBe(
    "error: pipeline.yaml:4:15: param 'layers' used in stage 'a' is a mapping or list; ${...} in a desc needs a single value\n" +
      '      desc: net ${layers}\n                ^\n',
  );
});

test('filled in from params.yaml, vars and a foreach item; \\${ literal; not a param of the stage', async () => {
  const rig = makeRig({
    'params.yaml': params,
    'pipeline.yaml': [
      'vars:',
      '  - size: 3',
      'stages:',
      '  a:',
      `    cmd: ${counted('a', 'echo hi > a.txt')}`,
      '    outs: [a.txt]',
      '    desc: lr ${train.lr}, size ${size}, first layer ${layers[0]}, literal \\${HOME}',
      '  b:',
      '    foreach: [7]',
      '    do:',
      '      cmd: echo ${item} > b${item}.txt',
      '      outs: ["b${item}.txt"]',
      '      desc: seed ${item}',
      '',
    ].join('\n'),
  });
  const list = await rig.run('stage', 'list');
  expect([list.code, list.stdout, list.stderr]).toEqual([0, 'a    lr 0.1, size 3, first layer 64, literal ${HOME}\nb@7  seed 7\n', '']);
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.count('a')).toBe(1);
  expect(rig.read('pipeline.lock')).toMatch(/\n  a:\n    cmd: [^\n]+\n    deps: \[\]\n    params: \{\}\n    outs:\n/);
  rig.write({ 'params.yaml': params.replace('lr: 0.1', 'lr: 0.5') });
  const status = await rig.run('status');
  expect([status.code, status.stdout, status.stderr]).toEqual([0, 'Everything is up to date.\n', '']);
  expect((await rig.run('stage', 'list', 'a')).stdout).toBe('a  lr 0.5, size 3, first layer 64, literal ${HOME}\n');
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.count('a')).toBe(1);
});
