// `pipe stage add -f` replaces the stage of that name where it stands: the stages and comments
// around it stay as they were, and the next repro reruns it for its new cmd.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('-f replaces the stage in place; repro reruns it', async () => {
  const first = counted('a', 'echo one > a.txt');
  const second = counted('a', 'echo two > a.txt');
  const before = `stages:
  # makes a
  a:
    cmd: ${first}
    outs: [a.txt]   # the old out list

  # reads a
  b:
    cmd: cat a.txt > b.txt
    deps: [a.txt]
    outs: [b.txt]
`;
  const rig = makeRig({ 'pipeline.yaml': before });
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.count('a')).toBe(1);
  const r = await rig.run('stage', 'add', '-f', '-n', 'a', '-o', 'a.txt', '--desc', 'the new a', second);
  expect([r.code, r.stdout, r.stderr]).toEqual([0, "Replaced stage 'a' (pipeline.yaml:3:3); `pipe repro a` runs it\n", '']);
  expect(rig.read('pipeline.yaml')).toBe(`stages:
  # makes a
  a:
    cmd: ${second}
    outs:
      - a.txt
    desc: the new a

  # reads a
  b:
    cmd: cat a.txt > b.txt
    deps: [a.txt]
    outs: [b.txt]
`);
  expect((await rig.run('status')).stdout).toBe("a: would run (cmd changed)\nb: would run (upstream stage 'a' will run)\n2 would run.\n");
  expect((await rig.run('repro')).code).toBe(0);
  expect([rig.count('a'), rig.read('b.txt')]).toEqual([2, 'two\n']);
});
