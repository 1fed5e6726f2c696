// A broken params.yaml is reported once, however many stages and params read it: before, each
// param that read it repeated the same error (32 times for the shipped pipeline).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('a YAML error in params.yaml is printed once, with its line', async () => {
  const rig = makeRig({
    'pipeline.yaml': [
      'stages:',
      '  prep:',
      '    cmd: echo ${prep.name} > prep.txt',
      '    params: [prep.name, prep.factor]',
      '    outs: [prep.txt]',
      '  agg:',
      '    cmd: cat prep.txt > agg.txt',
      '    deps: [prep.txt]',
      '    params: [prep.factor]',
      '    outs: [agg.txt]',
      '',
    ].join('\n'),
    'params.yaml': 'prep:\n  name: foo\n  factor: 2\nprep:\n  x: 1\n',
  });
  for (const cmd of ['status', 'repro']) {
    const r = await rig.run(cmd);
    expect([cmd, r.code, r.stdout, r.stderr]).toEqual([cmd, 2, '', 'error: params.yaml:4:1: YAML syntax error: Map keys must be unique\n  prep:\n  ^\n']);
  }
  expect(rig.exists('prep.txt')).toBe(false);
});
