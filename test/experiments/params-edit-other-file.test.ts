// `-S [file:]key=value`: which prefix names a params file, and how a params file other than
// params.yaml is edited: messages name it, and a .json file is written as JSON.
import { expect, test } from 'vitest';
import { parseAssignment, restoreParams, setParams } from '../../src/experiments/params-edit.js';

test('only a prefix before the first = that names a .yaml, .yml or .json file is a file', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['other.yaml:opt.lr=0.1', { file: 'other.yaml', key: 'opt.lr', value: 0.1 }],
    ['./conf/a.yml:k=[1, 2]', { file: 'conf/a.yml', key: 'k', value: [1, 2] }],
    ['conf.JSON:k=x', { file: 'conf.JSON', key: 'k', value: 'x' }],
    // params.yaml named is params.yaml plain
    ['params.yaml:train.lr=1', { key: 'train.lr', value: 1 }],
    // a : after the first = is the value's; a prefix that is not a params file's name is the key's
    ['ingest.source=http://host/x.yaml:8', { key: 'ingest.source', value: 'http://host/x.yaml:8' }],
    ['train.filters=[1,2]', { key: 'train.filters', value: [1, 2] }],
    ['a:b=1', { key: 'a:b', value: 1 }],
    ['notes.txt:k=1', { key: 'notes.txt:k', value: 1 }],
  ];
  const parsed = cases.map(([text]) => {
    const a = parseAssignment(text);
    return a.ok ? { file: a.value.file, key: a.value.key, value: a.value.value } : a.failure.message;
  });
  expect(parsed).toEqual(cases.map(([, want]) => ({ file: undefined, ...want })));
});

test('messages name the file; a YAML error points into it', () => {
  const a = parseAssignment('other.yaml:opt.x=1');
  if (!a.ok) throw new Error(a.failure.message);
  expect(setParams('opt:\n  lr: 1\n', [a.value], 'other.yaml')).toEqual({
    ok: false,
    failure: { message: "unknown param 'opt.x': it is not in other.yaml", hint: "-S key=value sets only keys other.yaml already has: check the spelling there, or add it: -S 'other.yaml:+opt.x=1'", exitCode: 2 },
  });
  const broken = setParams('opt: [\n', [a.value], 'other.yaml');
  expect(broken.ok ? undefined : broken.failure.where).toMatch(/^other\.yaml:\d+:\d+$/);
});

test('a JSON file: values in place as JSON, a key added re-prints the file as JSON with its indent', () => {
  const text = '{\n    "m": {"w": 32, "tags": ["a", "b"], "opt": null}\n}\n';
  expect(restoreParams(text, { m: { w: 64, tags: ['c d'], opt: { lr: 0.1 } } }, 'conf.json')).toEqual({
    ok: true,
    value: '{\n    "m": {"w": 64, "tags": ["c d"], "opt": {"lr": 0.1}}\n}\n',
  });
  const added = restoreParams(text, { m: { w: 32 }, n: 'new' }, 'conf.json');
  expect(added.ok && JSON.parse(added.value)).toEqual({ m: { w: 32, tags: ['a', 'b'], opt: null }, n: 'new' });
  expect(added.ok && added.value).toBe('{\n    "m": {\n        "w": 32,\n        "tags": [\n            "a",\n            "b"\n        ],\n        "opt": null\n    },\n    "n": "new"\n}\n');
  // a file apply creates
  expect(restoreParams('', { a: [1] }, 'new.json')).toEqual({ ok: true, value: '{\n  "a": [\n    1\n  ]\n}\n' });
});
