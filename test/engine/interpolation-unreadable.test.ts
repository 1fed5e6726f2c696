// Anything inside `${...}` that pipe cannot read (`${}`, `${a..b}`, `${list[}`, a `${` with no
// closing `}`) is a configuration error at its own `$`, exit 2: never passed on to the shell (a
// "Bad substitution" at run time) or taken as a literal file name. `\${` stays the escape for a
// literal `${`; shell syntax read as a key says so.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const refs = 'a reference is ${key}, ${key.sub}, ${list[0]} or ${list.0}; for a literal ${ write \\${';

test('unreadable references in a cmd and a path: each at its $, nothing run', async () => {
  const line = 'cmd: echo ${} ${train.lr}x ${a..b} ${VAR:-x} \\${HOME} ${list[} ${train.lr';
  const rig = makeRig({ 'params.yaml': 'train:\n  lr: 1\n', 'pipeline.yaml': `stages:\n  a:\n    ${line}\n    outs: ["\${}.txt"]\n` });
  const at = (col: number) => `      ${line}\n${' '.repeat(col + 1)}^\n`;
  const r = await rig.run('repro');
  expect([r.code, r.stdout, rig.exists('pipeline.lock')]).toEqual([2, '', false]);
  expect(r.stderr).toBe(
    `error: pipeline.yaml:3:15: \${} in stage 'a' names no key: ${refs}\n${at(15)}` +
      `error: pipeline.yaml:3:32: \${a..b} in stage 'a' cannot be read from '..b' on: ${refs}\n${at(32)}` +
      `error: pipeline.yaml:3:40: param 'VAR:-x' used by stage 'a' is not in params.yaml (for the shell's own \${...}, write \\\${...})\n${at(40)}` +
      `error: pipeline.yaml:3:59: \${list[} in stage 'a' cannot be read from '[' on: ${refs}\n${at(59)}` +
      `error: pipeline.yaml:3:68: \${train.lr in stage 'a' has no closing }: ${refs}\n${at(68)}` +
      `error: pipeline.yaml:4:13: \${} in stage 'a' names no key: ${refs}\n      outs: ["\${}.txt"]\n              ^\n`,
  );
});

test('escaped \\${...} reaches the shell as ${...}', async () => {
  const rig = makeRig({ 'params.yaml': 'n: 1\n', 'pipeline.yaml': 'stages:\n  a:\n    cmd: X=hi; echo \\${X:-none} ${n} > o\n    outs: [o]\n' });
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect(rig.read('o')).toBe('hi 1\n');
});
