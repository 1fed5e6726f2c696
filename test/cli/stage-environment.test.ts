// What a stage's cmd sees: /bin/sh in the root or wdir, PIPE_STAGE / PIPE_ROOT and the caller's
// environment, `${param}` values shell-quoted; a cmd list runs in order and stops at a failure.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('environment, wdir and shell-quoted ${...} interpolation', async () => {
  const rig = makeRig({
    'params.yaml': `greeting: "it's a \\"test\\" $HOME"\nsub:\n  dir: work\n  n: 3\n`,
    'work/.keep': '',
    'pipeline.yaml': `stages:
  env:
    cmd: printf '%s|%s|%s|%s\\n' "$PIPE_STAGE" "$PIPE_ROOT" "$FROM_CALLER" "$(pwd)" > env.txt
    wdir: \${sub.dir}
    outs: [env.txt]
  quote:
    cmd: printf '%s\\n' \${greeting} \${sub.n} > quoted.txt
    outs: [quoted.txt]
`,
  });
  const r = await rig.runWith({ env: { FROM_CALLER: 'hello' } }, 'repro');
  expect(r.code).toBe(0);
  expect(rig.read('work/env.txt')).toBe(`env|${rig.dir}|hello|${rig.dir}/work\n`);
  expect(rig.read('quoted.txt')).toBe(`it's a "test" $HOME\n3\n`);
  // interpolated values are params of the stage: changing one reruns it
  expect(rig.read('pipeline.lock')).toContain('greeting: it\'s a "test" $HOME');
  rig.write({ 'params.yaml': `greeting: changed\nsub:\n  dir: work\n  n: 3\n` });
  // the value is part of the cmd text, so the cmd changed too
  expect((await rig.run('status')).stdout).toBe("quote: would run (cmd changed, param 'greeting' changed)\n1 would run, 1 up to date.\n");
});

test('a cmd list runs in order and stops at the first failure', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:
  steps:
    cmd:
      - echo one >> log.txt
      - exit 7
      - echo three >> log.txt
`,
  });
  const r = await rig.run('repro');
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('steps: failed: exit code 7\n');
  expect(rig.read('log.txt')).toBe('one\n');
});
