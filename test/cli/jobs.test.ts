// `pipe repro -j N`: independent stages run at the same time, each stage's output kept together.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

// each stage waits (up to 10 s) for the other to have started: only parallel runs finish quickly
const waitForOther = (me: string, other: string) =>
  counted(me, `touch ${me}.started && echo "${me} one" && i=0; while [ ! -f ${other}.started ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done; [ -f ${other}.started ] && echo "${me} two" && echo ${me} > ${me}.txt`);

const pipeline = `stages:
  left:
    cmd: ${JSON.stringify(waitForOther('left', 'right'))}
    outs: [left.txt]
  right:
    cmd: ${JSON.stringify(waitForOther('right', 'left'))}
    outs: [right.txt]
  join:
    cmd: ${JSON.stringify(counted('join', 'cat left.txt right.txt > both.txt'))}
    deps: [left.txt, right.txt]
    outs: [both.txt]
`;

test('-j 2 runs independent stages together and prints each stage\'s lines together', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('repro', '-j', '2');
  expect(r.code).toBe(0);
  expect(rig.read('both.txt')).toBe('left\nright\n');
  const lines = r.stdout.split('\n');
  for (const s of ['left', 'right']) {
    const first = lines.indexOf(`[${s}] ${s} one`);
    expect(first).toBeGreaterThan(-1);
    expect(lines[first + 1]).toBe(`[${s}] ${s} two`);
    expect(lines[first + 2]).toMatch(new RegExp(`^${s}: ran \\(\\d+\\.\\ds\\)$`));
  }
  expect(lines.at(-2)).toBe('3 ran.');
  expect([rig.count('left'), rig.count('right'), rig.count('join')]).toEqual([1, 1, 1]);
});

test('-j needs a whole number of at least 1 (exit 2)', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('repro', '-j', '0');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^error: option '-j, --jobs <n>' argument '0' is invalid\. expected a whole number of jobs, at least 1\n/);
});
