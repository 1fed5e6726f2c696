// A mistake in a `foreach` stage points at pipeline.yaml:LINE:COL with the offending line, says
// what to write instead, exits 2, and runs nothing.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

async function errorOf(pipeline: string): Promise<string> {
  const rig = makeRig({ 'params.yaml': 'seeds: [1, 2]\nn: 3\n', 'pipeline.yaml': pipeline });
  const r = await rig.run('repro');
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(rig.exists('pipeline.lock')).toBe(false);
  return r.stderr;
}

test('foreach without do, stage keys beside foreach, and do without foreach', async () => {
  expect(await errorOf('stages:\n  a:\n    foreach: [1, 2]\n')).toBe(
    "error: pipeline.yaml:3:5: stage 'a' is missing required key 'do'\n      foreach: [1, 2]\n      ^\n",
  );
  expect(await errorOf('stages:\n  a:\n    foreach: [1, 2]\n    cmd: echo\n    do:\n      cmd: echo\n')).toBe(
    "error: pipeline.yaml:4:5: key 'cmd' of stage 'a' belongs inside its 'do' block: a foreach stage holds only 'foreach' and 'do'\n      cmd: echo\n      ^\n",
  );
  expect(await errorOf('stages:\n  a:\n    do:\n      cmd: echo\n')).toBe(
    "error: pipeline.yaml:3:5: stage 'a' has 'do' but no 'foreach': add 'foreach:' with the items to repeat 'do' for, or put the stage's keys directly under it\n      do:\n      ^\n",
  );
});

test('mistakes inside do are located there', async () => {
  expect(await errorOf('stages:\n  a:\n    foreach: [1]\n    do:\n      cmd: echo\n      deps: x\n      dpes: [y]\n')).toBe(
    `error: pipeline.yaml:6:13: key 'deps' of the 'do' block of stage 'a' must be a list, not string "x"\n        deps: x\n              ^\n` +
      "error: pipeline.yaml:7:7: unknown key 'dpes' in the 'do' block of stage 'a'\n        dpes: [y]\n        ^\n",
  );
  expect(await errorOf('stages:\n  a:\n    foreach: [1]\n    do:\n      desc: x\n')).toBe(
    "error: pipeline.yaml:5:7: the 'do' block of stage 'a' is missing required key 'cmd'\n        desc: x\n        ^\n",
  );
});

test('items that cannot name a stage, and repeated items', async () => {
  expect(await errorOf('stages:\n  a:\n    foreach: [x y, 2, 2]\n    do:\n      cmd: echo ${item}\n')).toBe(
    `error: pipeline.yaml:3:15: item "x y" of the foreach of stage 'a' cannot name a stage: use ASCII letters (a-z, A-Z), digits, '_', '-' and '.' (items that are mappings or lists are named by position instead)\n      foreach: [x y, 2, 2]\n                ^\n` +
      `error: pipeline.yaml:3:23: item "2" of the foreach of stage 'a' gives stage 'a@2' a second time: each copy needs a name of its own\n      foreach: [x y, 2, 2]\n                        ^\n`,
  );
  // a path as an item: the error says to name it in a mapping
  expect(await errorOf('stages:\n  a:\n    foreach: [data/a.csv]\n    do:\n      cmd: echo ${item}\n')).toBe(
    `error: pipeline.yaml:3:15: item "data/a.csv" of the foreach of stage 'a' cannot name a stage: use ASCII letters (a-z, A-Z), digits, '_', '-' and '.' (items that are mappings or lists are named by position instead); for paths, give a mapping instead (\`foreach: {a: data/a.csv}\`, then \${item} is the path and \${key} the name)\n      foreach: [data/a.csv]\n                ^\n`,
  );
  expect(await errorOf('stages:\n  a:\n    foreach: []\n    do:\n      cmd: echo\n')).toBe(
    "error: pipeline.yaml:3:14: foreach of stage 'a' is empty: list at least one item\n      foreach: []\n               ^\n",
  );
});

test('foreach naming params.yaml: a missing key, a single value, a bare word', async () => {
  expect(await errorOf('stages:\n  a:\n    foreach: ${nope}\n    do:\n      cmd: echo\n')).toBe(
    "error: pipeline.yaml:3:14: foreach of stage 'a' names param 'nope', which is not in params.yaml\n      foreach: ${nope}\n               ^\n",
  );
  expect(await errorOf('stages:\n  a:\n    foreach: ${n}\n    do:\n      cmd: echo\n')).toBe(
    "error: pipeline.yaml:3:14: foreach of stage 'a' names param 'n', which is 3 in params.yaml; it must be a list or a mapping\n      foreach: ${n}\n               ^\n",
  );
  expect(await errorOf('stages:\n  a:\n    foreach: seeds\n    do:\n      cmd: echo\n')).toBe(
    `error: pipeline.yaml:3:14: foreach of stage 'a' must be a list or a mapping, or '\${key}' naming one in params.yaml; not the text "seeds"\n      foreach: seeds\n               ^\n`,
  );
  expect(await errorOf('stages:\n  a:\n    foreach: 3\n    do:\n      cmd: echo\n')).toBe(
    "error: pipeline.yaml:3:14: key 'foreach' of stage 'a' must be a list or a mapping or a string, not number 3\n      foreach: 3\n               ^\n",
  );
});

test('${item.field} the item lacks, and a whole mapping item where a value is needed', async () => {
  expect(await errorOf('stages:\n  a:\n    foreach:\n      - {lr: 1, w: 2}\n      - {lr: 2}\n    do:\n      cmd: echo ${item.w}\n')).toBe(
    `error: pipeline.yaml:7:17: \${item.w} in stage 'a@1': its item {"lr":2} has no 'w'\n        cmd: echo \${item.w}\n                  ^\n`,
  );
  expect(await errorOf('stages:\n  a:\n    foreach:\n      - {lr: 1}\n    do:\n      cmd: echo ${item}\n')).toBe(
    `error: pipeline.yaml:6:17: \${item} in stage 'a@0' is a mapping or list ({"lr":1}); use \${item.<field>} for one of its values\n        cmd: echo \${item}\n                  ^\n`,
  );
});
