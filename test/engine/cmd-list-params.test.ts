// A list or mapping param in a cmd's `${...}` (DVC's unpacking): a list gives its items as words,
// a mapping `--key value` per entry (`--key` alone for true, nothing for false); inside quotes,
// one text. Nested lists or mappings are refused; a path still takes a single value only.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const params = 'layers: [64, 32]\nopts:\n  lr: 0.1\n  verbose: true\n  debug: false\n  name: a b\n';

test('lists and mappings become words; inside quotes one text', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  a:\n    cmd: printf '%s|' \${layers} \${opts} "\${layers}" > out.txt\n    outs: [out.txt]\n`,
    'params.yaml': params,
  });
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.read('out.txt')).toBe('64|32|--lr|0.1|--verbose|--name|a b|64 32|');
  // the values are params of the stage (and part of its cmd): a change reruns it
  rig.write({ 'params.yaml': params.replace('[64, 32]', '[64, 16]') });
  expect((await rig.run('status')).stdout).toBe("a: would run (cmd changed, param 'layers' changed)\n1 would run.\n");
});

test('nested values in a cmd, and a list in a path, are refused', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo ${grid}\n', 'params.yaml': 'grid: [[1, 2]]\nlayers: [1]\n' });
  const r = await rig.run('status');
  expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, "error: pipeline.yaml:3:15: param 'grid' used in stage 'a' is a list or mapping holding lists or mappings; ${...} in a cmd takes a single value, or a list or mapping of them"]);
  rig.write({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo\n    outs: ["${layers}"]\n' });
  const p = await rig.run('status');
  expect([p.code, p.stderr.split('\n')[0]]).toEqual([2, "error: pipeline.yaml:4:13: param 'layers' used in stage 'a' is a mapping or list; ${...} in a path needs a single value"]);
});
