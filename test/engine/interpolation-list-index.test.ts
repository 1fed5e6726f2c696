// `${list[0]}`, `${list.0}` and `${nested.x[1].y}` step into lists, and a key may hold any
// character but `.`, `[`, `]` (`${ключ}`), as in DVC: filled into cmds and paths, recorded under
// their dotted key (`list.0`) in pipeline.lock, and an edit of the item read reruns the stage.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const params = 'my-key: 3\nключ: 4\nlist: [a, b]\nnested: {x: [1, {y: 2}]}\n';
const pipeline = `stages:
  a:
    cmd: ${counted('a', "echo ${list[0]} ${list.1} ${nested.x[1].y} ${ключ} ${my-key} '${list[0]}' > a.txt && echo > ${list[1]}.out")}
    deps: ["\${nested.x[1].y}.txt"]
    outs: ["\${list[1]}.out", a.txt]
`;

test('list items by [i] and .i, nested, non-ASCII keys: filled in, recorded, edits rerun', async () => {
  const rig = makeRig({ 'params.yaml': params, 'pipeline.yaml': pipeline, '2.txt': 'dep\n' });
  const r = await rig.run('repro');
  expect([r.code, rig.count('a')]).toEqual([0, 1]);
  expect(rig.read('a.txt')).toBe('a b 2 4 3 a\n');
  expect(rig.exists('b.out')).toBe(true);
  expect(rig.read('pipeline.lock')).toContain("    params:\n      params.yaml:\n        list.0: a\n        list.1: b\n        my-key: 3\n        nested.x.1.y: 2\n        ключ: 4\n");
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  // an item not read changes nothing; the item read reruns the stage
  rig.write({ 'params.yaml': params.replace('x: [1, {y: 2}]', 'x: [5, {y: 2}]') });
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  rig.write({ 'params.yaml': params.replace('list: [a, b]', 'list: [z, b]') });
  const s = await rig.run('status');
  expect([s.code, s.stdout]).toEqual([0, "a: would run (cmd changed, param 'list.0' changed)\n1 would run.\n"]);
  expect((await rig.run('repro')).code).toBe(0);
  expect([rig.count('a'), rig.read('a.txt')]).toEqual([2, 'z b 2 4 3 z\n']);
});

test('an index past the end of a list is a located missing param', async () => {
  const rig = makeRig({ 'params.yaml': params, 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo ${list[2]}\n' });
  const r = await rig.run('status');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: pipeline.yaml:3:15: param 'list.2' used by stage 'a' is not in params.yaml\n      cmd: echo ${list[2]}\n                ^\n",
  ]);
});

test('a missing dep named by a list item: said at the item in params.yaml', async () => {
  const rig = makeRig({ 'params.yaml': 'list: [a, c]\n', 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo > o\n    deps: ["${list[1]}.txt"]\n    outs: [o]\n' });
  const r = await rig.run('status');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    `error: params.yaml:1:11: '\${list[1]}.txt' is 'c.txt' (${rig.dir}/c.txt), which does not exist, and no stage produces it: stage 'a' depends on it (pipeline.yaml:4:12). Set list.1 to where that file or folder is, or put it there\n  list: [a, c]\n            ^\n`,
  ]);
});
