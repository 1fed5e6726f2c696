// A mistyped param key: a key in params.yaml that no stage reads, spelled almost as one a stage
// does read, is named (status and repro go on: it may be meant); a key a stage lists that is not
// in params.yaml names the near one there; a mistyped key in pipeline.yaml gets a "did you mean".
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:\n  train:\n    cmd: ${JSON.stringify(counted('train', 'echo ok > out.txt'))}\n    params: [train.epochs, train.lr]\n    outs: [out.txt]\n`;

test('a key no stage reads, spelled almost as one that is read, is named with its line', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'train:\n  epochs: 3\n  lr: 0.1\n  notes: free text\n' });
  expect((await rig.run('repro')).code).toBe(0);
  // a key no stage reads and that is like none of theirs: nothing to say
  expect((await rig.run('status')).stderr).toBe('');
  rig.write({ 'params.yaml': 'train:\n  epochs: 3\n  epoch: 5\n  lr: 0.1\n  notes: free text\n' });
  const note = "note: params.yaml:3:3: 'train.epoch' is read by no stage: did you mean 'train.epochs'?\n";
  const status = await rig.run('status');
  expect([status.code, status.stdout, status.stderr]).toEqual([0, 'Everything is up to date.\n', note]);
  const repro = await rig.run('repro');
  expect([repro.code, repro.stderr]).toEqual([0, note]);
  expect(rig.count('train')).toBe(1);
  expect(JSON.parse((await rig.run('status', '--json')).stdout).notes).toEqual([note.slice('note: '.length, -1)]);
});

test('a listed key missing from params.yaml names the one there spelled almost the same', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'train:\n  epochs: 3\n  lrr: 0.1\n' });
  const r = await rig.run('status');
  expect([r.code, r.stderr]).toEqual([
    2,
    "error: pipeline.yaml:4:28: param 'train.lr' listed by stage 'train' is not in params.yaml; params.yaml:3:3 has 'train.lrr': is one of the two mistyped?\n      params: [train.epochs, train.lr]\n                             ^\n",
  ]);
  // nothing alike: the message stays as it was
  rig.write({ 'params.yaml': 'train:\n  epochs: 3\n  momentum: 0.9\n' });
  expect((await rig.run('status')).stderr.split('\n')[0]).toBe("error: pipeline.yaml:4:28: param 'train.lr' listed by stage 'train' is not in params.yaml");
});

test('a mistyped key in pipeline.yaml gets a did-you-mean', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo\n    outz: [x]\n' });
  const r = await rig.run('status');
  expect([r.code, r.stderr]).toEqual([2, "error: pipeline.yaml:4:5: unknown key 'outz' in stage 'a': did you mean 'outs'?\n      outz: [x]\n      ^\n"]);
  // a required key misspelt: the did-you-mean alone, not also "missing required key"
  rig.write({ 'pipeline.yaml': 'stage:\n  a:\n    cmd: echo\n' });
  const top = await rig.run('status');
  expect([top.code, top.stderr]).toEqual([2, "error: pipeline.yaml:1:1: unknown key 'stage' in the top level: did you mean 'stages'?\n  stage:\n  ^\n"]);
  rig.write({ 'pipeline.yaml': 'stages:\n  a:\n    cmdd: echo\n' });
  expect((await rig.run('status')).stderr).toBe("error: pipeline.yaml:3:5: unknown key 'cmdd' in stage 'a': did you mean 'cmd'?\n      cmdd: echo\n      ^\n");
});
