// Behaviour 8: configuration errors point at pipeline.yaml:LINE:COL with the offending line,
// exit 2, and nothing runs.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

async function errorOf(pipeline: string): Promise<string> {
  const rig = makeRig({ 'params.yaml': 'lr: 0.1\n', 'pipeline.yaml': pipeline, 'exists.txt': 'x' });
  const r = await rig.run('repro');
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(rig.exists('pipeline.lock')).toBe(false);
  return r.stderr;
}

const stage = 'stages:\n  a:\n    cmd: touch ran.txt\n';

test('YAML syntax error', async () => {
  expect(await errorOf('stages:\n  a:\n    cmd: echo\n   bad: [\n')).toMatch(/^error: pipeline\.yaml:\d+:\d+: YAML syntax error: /);
  expect(await errorOf('stages:\n  a:\n    cmd: [echo ${lr}]\n')).toBe(
    'error: pipeline.yaml:3:17: YAML syntax error: Missing , or : between flow sequence items (inside [...] or {...}, put values containing ${...} in quotes)\n      cmd: [echo ${lr}]\n                  ^\n',
  );
  // a command printing JSON: the ': ' inside ends the key, ${...} or not
  for (const cmd of [`echo '{"acc": 0.1}' > a.json`, `echo '{"acc": \${lr}}' > a.json`]) {
    expect(await errorOf(`stages:\n  a:\n    cmd: ${cmd}\n`)).toBe(
      `error: pipeline.yaml:3:10: YAML syntax error: Nested mappings are not allowed in compact mappings (an unquoted value cannot hold ': ' or ' #': quote it whole, or write it as a block on the next lines after \`>-\`)\n      cmd: ${cmd}\n           ^\n`,
    );
  }
});

test('unknown key', async () => {
  expect(await errorOf(`${stage}    dpes: [exists.txt]\n`)).toBe(
    "error: pipeline.yaml:4:5: unknown key 'dpes' in stage 'a'\n      dpes: [exists.txt]\n      ^\n",
  );
});

test('wrong type', async () => {
  expect(await errorOf(`${stage}    deps: exists.txt\n`)).toBe(
    `error: pipeline.yaml:4:11: key 'deps' of stage 'a' must be a list, not string "exists.txt"\n      deps: exists.txt\n            ^\n`,
  );
  expect(await errorOf(`${stage}    frozen: maybe\n`)).toBe(
    `error: pipeline.yaml:4:13: key 'frozen' of stage 'a' must be true or false, not string "maybe"\n      frozen: maybe\n              ^\n`,
  );
});

test('missing cmd and an invalid stage name', async () => {
  expect(await errorOf('stages:\n  a:\n    desc: x\n  b c:\n    cmd: echo\n')).toBe(
    "error: pipeline.yaml:3:5: stage 'a' is missing required key 'cmd'\n      desc: x\n      ^\n" +
      "error: pipeline.yaml:4:3: invalid stage name 'b c': use only ASCII letters (a-z, A-Z), digits, '_' and '-'\n    b c:\n    ^\n",
  );
});

test('a stage name with a non-ASCII letter is refused, and the rule says ASCII', async () => {
  expect(await errorOf('stages:\n  ünï:\n    cmd: echo\n')).toBe(
    "error: pipeline.yaml:2:3: invalid stage name 'ünï': use only ASCII letters (a-z, A-Z), digits, '_' and '-'\n    ünï:\n    ^\n",
  );
});

test('a listed or interpolated param missing from params.yaml is named', async () => {
  expect(await errorOf(`${stage}    params: [lr, optim.momentum]\n`)).toBe(
    "error: pipeline.yaml:4:18: param 'optim.momentum' listed by stage 'a' is not in params.yaml\n      params: [lr, optim.momentum]\n                   ^\n",
  );
  expect(await errorOf('stages:\n  a:\n    cmd: echo ${train.lr}\n')).toBe(
    "error: pipeline.yaml:3:15: param 'train.lr' used by stage 'a' is not in params.yaml\n      cmd: echo ${train.lr}\n                ^\n",
  );
});

test('a dep that does not exist and that no stage produces', async () => {
  expect(await errorOf(`${stage}    deps: [exists.txt, nothere.txt]\n`)).toBe(
    "error: pipeline.yaml:4:24: dep 'nothere.txt' of stage 'a' does not exist and no stage produces it\n      deps: [exists.txt, nothere.txt]\n                         ^\n",
  );
});

test('two stages with the same out, and an out inside another out', async () => {
  expect(await errorOf(`${stage}    outs: [x.txt]\n  b:\n    cmd: echo\n    outs: [x.txt]\n`)).toBe(
    "error: pipeline.yaml:7:12: output 'x.txt' of stage 'b' is also an output of stage 'a'\n      outs: [x.txt]\n             ^\n",
  );
  expect(await errorOf(`${stage}    outs: [d]\n  b:\n    cmd: echo\n    outs: [d/x.txt]\n`)).toBe(
    "error: pipeline.yaml:7:12: output 'd/x.txt' is inside output 'd' (stage 'a'); an output cannot contain another\n      outs: [d/x.txt]\n             ^\n",
  );
});

test('a cycle names the stages on it', async () => {
  const text = await errorOf(
    'stages:\n  a:\n    cmd: echo\n    deps: [c.txt]\n    outs: [a.txt]\n  b:\n    cmd: echo\n    deps: [a.txt]\n    outs: [b.txt]\n  c:\n    cmd: echo\n    deps: [b.txt]\n    outs: [c.txt]\n',
  );
  expect(text).toMatch(/^error: pipeline\.yaml:\d+:3: cycle between stages: (a -> b -> c -> a|b -> c -> a -> b|c -> a -> b -> c)\n/);
});

test('paths outside the project root are refused before anything runs', async () => {
  expect(await errorOf(`${stage}    outs: [../escape.txt]\n`)).toBe(
    "error: pipeline.yaml:4:12: path '../escape.txt' in stage 'a' resolves outside the project root\n      outs: [../escape.txt]\n             ^\n",
  );
  // a dep may lie outside (external data), but not hold the project itself
  expect(await errorOf(`${stage}    deps: [..]\n`)).toMatch(/^error: pipeline\.yaml:4:12: dep '\.\.' in stage 'a' is the project root or a folder holding it; name a file or folder in it or beside it\n/);
  expect(await errorOf(`${stage}    deps: [.]\n`)).toMatch(/^error: pipeline\.yaml:4:12: dep '\.' in stage 'a' is the project root or a folder holding it; /);
  expect(await errorOf(`${stage}    wdir: ..\n`)).toMatch(/^error: pipeline\.yaml:4:11: path '\.\.' in stage 'a' resolves outside the project root\n/);
});
