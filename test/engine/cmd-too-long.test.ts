// A cmd the OS refuses to exec (E2BIG) fails its stage with what is too long and what to do,
// not a bare `spawn E2BIG`.
import { expect, test } from 'vitest';
import { runShell } from '../../src/engine/spawn.js';
import { makeRig } from '../rig.js';

test.runIf(process.platform === 'linux')('a cmd over the one-argument limit fails the stage, saying its length and what to do', async () => {
  const rig = makeRig({ 'pipeline.yaml': `stages:\n  l:\n    cmd: true ${'x'.repeat(150_000)}\n    outs: [o]\n` });
  const r = await rig.run('repro');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    1,
    'l: running (never ran)\n1 failed.\n',
    'l: failed: could not start /bin/sh: the command line is too long for the OS (E2BIG): the cmd is 150,005 bytes; Linux takes at most 131,072 bytes in one argument. Move arguments into a params file or a script the cmd runs\n',
  ]);
});

test('a cmd that is short but meets a huge environment names both sizes', async () => {
  const env = { BIG: 'x'.repeat(4_000_000) };
  const r = await runShell('true', { cwd: process.cwd(), env, abort: new AbortController().signal, onLine: () => {} });
  expect(r).toEqual({
    code: null,
    signal: null,
    spawnError: "the command line is too long for the OS (E2BIG): the cmd is 4 bytes and the environment 4,000,005; together they pass the system's limit (`getconf ARG_MAX`). Move arguments into a params file or a script the cmd runs",
  });
});
