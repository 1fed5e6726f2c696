// Outputs of a sub/pipeline.yaml stage go through checkout, commit, push and pull as the root
// file's do, under the stage's qualified name; an output two files declare is an error located in
// the later file; commands that edit a pipeline file refuse a sub file's stage, saying what to do.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const files = {
  'pipeline.yaml': 'stages:\n  prep:\n    cmd: echo raw > raw.txt\n    outs: [raw.txt]\n',
  'sub/pipeline.yaml': 'stages:\n  count:\n    cmd: cat ../raw.txt > n.txt\n    deps: [../raw.txt]\n    outs: [n.txt]\n',
};

test('checkout, commit, push and pull take sub/pipeline.yaml:count', async () => {
  const rig = makeRig(files);
  expect((await rig.run('repro', '-P')).code).toBe(0);
  rig.remove('sub/n.txt');
  const k = await rig.run('checkout', 'sub/pipeline.yaml:count');
  expect([k.code, k.stdout]).toEqual([0, 'sub/pipeline.yaml:count: sub/n.txt: restored from cache\n1 output restored.\n']);
  rig.write({ 'sub/n.txt': 'edited\n' });
  const c = await rig.run('commit', '-f', 'sub/pipeline.yaml:count');
  expect([c.code, c.stdout]).toEqual([0, "sub/pipeline.yaml:count: committed (out 'sub/n.txt' modified)\n1 stage committed.\n"]);
  expect(rig.read('sub/pipeline.lock')).toContain('      - path: n.txt\n        hash: ');
  const remote = mkdtempSync(join(tmpdir(), 'pipe-multi-remote-'));
  expect((await rig.run('remote', 'add', '-d', 'store', remote)).code).toBe(0);
  expect((await rig.run('push')).code).toBe(0);
  rig.remove('cache');
  rig.remove('sub/n.txt');
  const p = await rig.run('pull', 'sub/pipeline.yaml:count');
  expect(p.code).toBe(0);
  expect(p.stdout).toContain('checked out sub/n.txt (sub/pipeline.yaml:count)\n');
  expect(rig.read('sub/n.txt')).toBe('edited\n');
});

test('an output declared in two pipeline files is an error at the later one', async () => {
  const rig = makeRig({ ...files, 'other/pipeline.yaml': 'stages:\n  again:\n    cmd: echo > ../raw.txt\n    outs: [../raw.txt]\n' });
  const s = await rig.run('status');
  expect([s.code, s.stderr]).toEqual([2, "error: other/pipeline.yaml:4:12: output 'raw.txt' of stage 'other/pipeline.yaml:again' is also an output of stage 'prep'\n      outs: [../raw.txt]\n             ^\n"]);
});

test('errors of a sub file name it, line and column', async () => {
  const rig = makeRig({ ...files, 'sub/pipeline.yaml': 'stages:\n  count:\n    cmd: 3\n' });
  const s = await rig.run('status');
  expect([s.code, s.stderr]).toEqual([2, "error: sub/pipeline.yaml:3:10: key 'cmd' of stage 'count' must be a string or a list, not number 3\n      cmd: 3\n           ^\n"]);
});

test('freeze and remove refuse a sub file stage, naming the file to edit; nothing changes', async () => {
  const rig = makeRig(files);
  const f = await rig.run('freeze', 'sub/pipeline.yaml:count');
  expect([f.code, f.stderr]).toEqual([2, "error: stage 'sub/pipeline.yaml:count' is in sub/pipeline.yaml: `pipe freeze` edits only the root pipeline.yaml for now; edit stage 'count' in sub/pipeline.yaml by hand\n"]);
  const r = await rig.run('remove', 'sub/pipeline.yaml:count');
  expect([r.code, r.stderr]).toEqual([2, "error: stage 'sub/pipeline.yaml:count' is in sub/pipeline.yaml: `pipe remove` edits only the root pipeline.yaml for now; edit stage 'count' in sub/pipeline.yaml by hand\n"]);
  expect(rig.read('sub/pipeline.yaml')).toBe(files['sub/pipeline.yaml']);
});

test('a subfolder marked a project of its own (its .gitignore has /.pipe) is not a pipeline file', async () => {
  const rig = makeRig({ ...files, 'sub/.gitignore': '/.pipe\n' });
  const l = await rig.run('stage', 'list');
  expect([l.code, l.stdout]).toEqual([0, 'prep  outputs: raw.txt\n']);
});
