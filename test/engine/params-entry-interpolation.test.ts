// `${...}` from params.yaml in a `params:` entry (`${model}.lr`) is filled in, as DVC does: the
// key it names is listed and recorded, and so is the value that named it, so a change of either
// reruns the stage; a key named that is not there is a located error.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const params = 'model: cnn\ncnn: {lr: 1}\nrnn: {lr: 2}\n';
const pipeline = `stages:\n  a:\n    cmd: ${counted('a', 'echo > o')}\n    params: ["\${model}.lr", {params.yaml: ["\${model}.lr"]}]\n    outs: [o]\n`;

test('a params entry naming its key by a param: resolved, recorded, rerun on change', async () => {
  const rig = makeRig({ 'params.yaml': params, 'pipeline.yaml': pipeline });
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('pipeline.lock')).toContain('    params:\n      params.yaml:\n        cnn.lr: 1\n        model: cnn\n    outs:\n');
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  rig.write({ 'params.yaml': params.replace('rnn: {lr: 2}', 'rnn: {lr: 3}') });
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  rig.write({ 'params.yaml': params.replace('cnn: {lr: 1}', 'cnn: {lr: 5}') });
  expect((await rig.run('status')).stdout).toBe("a: would run (param 'cnn.lr' changed)\n1 would run.\n");
  rig.write({ 'params.yaml': params.replace('model: cnn', 'model: xnn') });
  const r = await rig.run('status');
  const line = '      params: ["${model}.lr", {params.yaml: ["${model}.lr"]}]\n';
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    `error: pipeline.yaml:4:14: param 'xnn.lr' listed by stage 'a' is not in params.yaml\n${line}               ^\n` +
      `error: pipeline.yaml:4:44: param 'xnn.lr' listed by stage 'a' is not in params.yaml\n${line}${' '.repeat(45)}^\n`,
  ]);
  expect(rig.count('a')).toBe(1);
});
