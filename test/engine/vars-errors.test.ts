// A vars entry that cannot be read is an error at its pipeline.yaml line, exit 2, and nothing runs.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

async function errorOf(pipeline: string, files: Record<string, string> = {}): Promise<string> {
  const rig = makeRig({ 'pipeline.yaml': pipeline, ...files });
  const r = await rig.run('repro');
  expect([r.code, r.stdout, rig.exists('pipeline.lock')]).toEqual([2, '', false]);
  return r.stderr;
}

const stage = 'stages:\n  s:\n    cmd: echo\n';

test('a vars file that does not exist', async () => {
  expect(await errorOf(`vars:\n  - {a: 1}\n  - custom.yaml\n${stage}`)).toBe(
    "error: pipeline.yaml:3:5: vars file 'custom.yaml' does not exist\n    - custom.yaml\n      ^\n",
  );
  // a stage's, from its wdir
  expect(await errorOf('stages:\n  s:\n    wdir: sub\n    vars: [custom.yaml]\n    cmd: echo\n', { 'sub/x': '' })).toBe(
    "error: pipeline.yaml:4:12: vars file 'sub/custom.yaml' does not exist\n      vars: [custom.yaml]\n             ^\n",
  );
});

test('a selected key the file does not have, with a did-you-mean', async () => {
  expect(await errorOf(`vars:\n  - custom.yaml:trian,model\n${stage}`, { 'custom.yaml': 'train: 1\nmodel: 2\n' })).toBe(
    "error: pipeline.yaml:2:5: vars entry 'custom.yaml:trian,model' takes 'trian', which is not a top-level key of custom.yaml: did you mean 'train'?\n" +
      '    - custom.yaml:trian,model\n      ^\n',
  );
});

test('a vars file that is not a mapping', async () => {
  expect(await errorOf(`vars: [list.yaml]\n${stage}`, { 'list.yaml': '- a\n- b\n' })).toBe(
    "error: pipeline.yaml:1:8: vars file 'list.yaml' must hold a mapping of keys to values, not a list\n  vars: [list.yaml]\n         ^\n",
  );
  expect(await errorOf(`vars: [conf.toml]\n${stage}`, { 'conf.toml': 'a = 1\n' })).toBe(
    "error: pipeline.yaml:1:8: vars file 'conf.toml' is TOML: pipe reads YAML and JSON params files only (DVC also reads TOML and Python ones); write it as YAML\n  vars: [conf.toml]\n         ^\n",
  );
});

test('an entry of the wrong type, vars that is not a list, a misspelt key', async () => {
  expect(await errorOf(`vars:\n  - 5\n${stage}`)).toBe("error: pipeline.yaml:2:5: vars entry 1 must be a string or a mapping, not number 5\n    - 5\n      ^\n");
  expect(await errorOf('stages:\n  s:\n    vars:\n      - [a]\n    cmd: echo\n')).toBe(
    "error: pipeline.yaml:4:9: vars entry 1 of stage 's' must be a string or a mapping, not a list\n        - [a]\n          ^\n",
  );
  expect(await errorOf(`vars: custom.yaml\n${stage}`)).toBe("error: pipeline.yaml:1:7: key 'vars' must be a list, not string \"custom.yaml\"\n  vars: custom.yaml\n        ^\n");
  expect(await errorOf(`var: [custom.yaml]\n${stage}`)).toBe("error: pipeline.yaml:1:1: unknown key 'var' in the top level: did you mean 'vars'?\n  var: [custom.yaml]\n  ^\n");
  expect(await errorOf('stages:\n  s:\n    varz: [a.yaml]\n    cmd: echo\n')).toBe(
    "error: pipeline.yaml:3:5: unknown key 'varz' in stage 's': did you mean 'vars'?\n      varz: [a.yaml]\n      ^\n",
  );
});
