// Editing params.yaml text: values change in place, every other byte (comments, alignment,
// quoting, blank lines) stays; structural edits fall back to the yaml Document printer.
import { expect, test } from 'vitest';
import { parseAssignment, restoreParams, setParams, type Assignment } from '../../src/experiments/params-edit.js';

const TEXT = `# top comment

train:
  lr: 0.01        # aligned comment
  name: "run a"   # double-quoted stays double-quoted
  tag: 'x'
  opt:            # null accepts any type
  shape: [48, 48, 1]
  flags:
    - true
    - false
`;

function set(...pairs: string[]): string {
  const assignments = pairs.map((p) => {
    const a = parseAssignment(p);
    if (!a.ok) throw new Error(a.failure.message);
    return a.value;
  });
  const r = setParams(TEXT, assignments);
  if (!r.ok) throw new Error(r.failure.message);
  return r.value;
}

test('scalars are replaced in place: comments, alignment and quoting kept', () => {
  expect(set('train.lr=1e-4', 'train.name=run b', "train.tag=it's", 'train.opt=sgd', 'train.flags.1=true')).toBe(`# top comment

train:
  lr: 0.0001        # aligned comment
  name: "run b"   # double-quoted stays double-quoted
  tag: 'it''s'
  opt: sgd            # null accepts any type
  shape: [48, 48, 1]
  flags:
    - true
    - true
`);
});

test('an unchanged value leaves the text byte-identical', () => {
  expect(set('train.lr=0.01', 'train.shape=[48, 48, 1]')).toBe(TEXT);
});

test('a one-line flow list is replaced in place, in flow style', () => {
  const out = set('train.shape=[24, 24, 1]');
  expect(out).toContain('# top comment\n');
  expect(out).toContain('# aligned comment');
  expect(out).toBe(TEXT.replace('[48, 48, 1]', '[24, 24, 1]'));
});

test('a string that reads as a number is written quoted, so it stays a string', () => {
  const r = setParams('v: "abc"\n', [{ key: 'v', value: '123', raw: '"123"' } satisfies Assignment]);
  expect(r).toEqual({ ok: true, value: 'v: "123"\n' });
  const plain = setParams('v: abc\n', [{ key: 'v', value: '123', raw: '"123"' }]);
  expect(plain).toEqual({ ok: true, value: 'v: "123"\n' });
});

test('a block list is replaced through the Document printer: comments kept, spacing normalised', () => {
  const out = set('train.flags=[false]');
  expect(out).toBe(`# top comment

train:
  lr: 0.01 # aligned comment
  name: "run a" # double-quoted stays double-quoted
  tag: 'x'
  opt: # null accepts any type
  shape: [ 48, 48, 1 ]
  flags:
    - false
`);
});

test('restoreParams puts every leaf of a recorded params object back', () => {
  const r = restoreParams(TEXT, { train: { lr: 0.5, name: 'run a', tag: 'x', opt: null, shape: [48, 48, 1], flags: [true, false] } });
  expect(r).toEqual({ ok: true, value: TEXT.replace('lr: 0.01', 'lr: 0.5') });
});
