// A `${key}` that cannot be filled in is reported at its own `$`, not at the start of the value
// holding it: a long cmd, a block of several lines or a quoted path shows the exact place,
// and the did-you-mean stays.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const params = 'train:\n  lr: 0.1\nlrs: [1, 2]\n';
const typo = (key: string, stage: string) =>
  `param '${key}' used by stage '${stage}' is not in params.yaml; params.yaml:2:3 has 'train.lr': is one of the two mistyped?`;

async function errorOf(pipeline: string): Promise<string> {
  const rig = makeRig({ 'params.yaml': params, 'pipeline.yaml': pipeline });
  const r = await rig.run('repro');
  expect([r.code, r.stdout, rig.exists('pipeline.lock')]).toEqual([2, '', false]);
  return r.stderr;
}

test('a one-line cmd, a list of cmds, quoted with escapes before the reference', async () => {
  expect(await errorOf('stages:\n  a:\n    cmd: python train.py --lr ${train.lrr} > out.txt\n')).toBe(
    `error: pipeline.yaml:3:31: ${typo('train.lrr', 'a')}\n      cmd: python train.py --lr \${train.lrr} > out.txt\n                                ^\n`,
  );
  // `\"` is two characters in the file, one in the value: the place is found in the text as written
  expect(await errorOf('stages:\n  a:\n    cmd: [echo 1, "echo \\"x\\" ${train.lrr}"]\n')).toBe(
    `error: pipeline.yaml:3:31: ${typo('train.lrr', 'a')}\n      cmd: [echo 1, "echo \\"x\\" \${train.lrr}"]\n                                ^\n`,
  );
  // the same key twice, and an escaped \${HOME} before it: each reference at its own place
  expect(await errorOf('stages:\n  a:\n    cmd: echo \\${HOME} ${train.lrr} ${train.lrr}\n')).toBe(
    `error: pipeline.yaml:3:24: ${typo('train.lrr', 'a')}\n      cmd: echo \\\${HOME} \${train.lrr} \${train.lrr}\n                         ^\n` +
      `error: pipeline.yaml:3:37: ${typo('train.lrr', 'a')}\n      cmd: echo \\\${HOME} \${train.lrr} \${train.lrr}\n                                      ^\n`,
  );
});

test('a block cmd of several lines: the line of the reference', async () => {
  const block = '      python train.py \\\n        --x 1 \\\n        --lr ${train.lrr}\n';
  for (const header of ['|', '>-']) {
    expect(await errorOf(`stages:\n  b:\n    cmd: ${header}\n      echo start\n${block}`)).toBe(
      `error: pipeline.yaml:7:14: ${typo('train.lrr', 'b')}\n          --lr \${train.lrr}\n               ^\n`,
    );
  }
});

test('paths, wdir, foreach items and a foreach list name', async () => {
  expect(await errorOf('stages:\n  a:\n    cmd: echo\n    outs:\n      - "data/${train.lrx}/b.txt"\n')).toBe(
    `error: pipeline.yaml:5:15: ${typo('train.lrx', 'a')}\n        - "data/\${train.lrx}/b.txt"\n                ^\n`,
  );
  expect(await errorOf('stages:\n  a:\n    wdir: sub/${train.lrq}\n    cmd: echo\n')).toBe(
    `error: pipeline.yaml:3:15: ${typo('train.lrq', 'a')}\n      wdir: sub/\${train.lrq}\n                ^\n`,
  );
  expect(await errorOf('stages:\n  a:\n    foreach: [1]\n    do:\n      cmd: >-\n        echo 1\n        ${item.x}\n')).toBe(
    `error: pipeline.yaml:7:9: \${item.x} in stage 'a@1': its item 1 has no 'x'\n          \${item.x}\n          ^\n`,
  );
  expect(await errorOf('stages:\n  a:\n    foreach: "${lrz}"\n    do:\n      cmd: echo\n')).toBe(
    `error: pipeline.yaml:3:15: foreach of stage 'a' names param 'lrz', which is not in params.yaml\n      foreach: "\${lrz}"\n                ^\n`,
  );
});
