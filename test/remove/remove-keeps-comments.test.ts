// `pipe remove` cuts the stage's own lines out of pipeline.yaml: the comment lines right above its
// key (at its indentation) go with it, and so does the blank line that set it apart; every other
// byte of the file stays, the first and last stages' neighbours and CRLF line ends included.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const before = `# my pipeline   (hand-written)
stages:
    # the first stage
    prep:
        cmd: "echo p > p.txt"   # makes p
        outs: [p.txt]

    # about train
    train:
        cmd: echo t > t.txt
        deps:
        - p.txt
        outs:
        - t.txt
        # the end of train, indented under it

    report:
        cmd: echo r > r.txt   # last

# a comment about vars
vars:
  - {x: 1}
`;

test('a stage in the middle: its comment, lines and the blank line before it go', async () => {
  const rig = makeRig({ 'pipeline.yaml': before });
  const r = await rig.run('remove', 'train');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.read('pipeline.yaml')).toBe(`# my pipeline   (hand-written)
stages:
    # the first stage
    prep:
        cmd: "echo p > p.txt"   # makes p
        outs: [p.txt]

    report:
        cmd: echo r > r.txt   # last

# a comment about vars
vars:
  - {x: 1}
`);
});

test('the first stage: the comment under `stages:` goes with it, and the blank line after it', async () => {
  const rig = makeRig({ 'pipeline.yaml': before });
  expect((await rig.run('remove', 'prep')).code).toBe(0);
  expect(rig.read('pipeline.yaml')).toBe(before.replace('    # the first stage\n    prep:\n        cmd: "echo p > p.txt"   # makes p\n        outs: [p.txt]\n\n', ''));
});

test('the last stage: the comment about the next top-level key stays', async () => {
  const rig = makeRig({ 'pipeline.yaml': before });
  expect((await rig.run('remove', 'report')).code).toBe(0);
  expect(rig.read('pipeline.yaml')).toBe(before.replace('\n    report:\n        cmd: echo r > r.txt   # last\n', ''));
});

test('every stage: `stages:` is left with nothing under it, a project with no stages', async () => {
  const rig = makeRig({ 'pipeline.yaml': before });
  expect((await rig.run('remove', 'prep', 'train', 'report')).code).toBe(0);
  expect(rig.read('pipeline.yaml')).toBe('# my pipeline   (hand-written)\nstages:\n\n# a comment about vars\nvars:\n  - {x: 1}\n');
  const status = await rig.run('status');
  expect([status.code, status.stdout]).toEqual([0, 'Everything is up to date.\n']);
});

test('CRLF line ends are kept', async () => {
  const rig = makeRig({ 'pipeline.yaml': '# crlf\r\nstages:\r\n  a:\r\n    cmd: echo a\r\n  b:\r\n    cmd: echo b\r\n' });
  expect((await rig.run('remove', 'a')).code).toBe(0);
  expect(rig.read('pipeline.yaml')).toBe('# crlf\r\nstages:\r\n  b:\r\n    cmd: echo b\r\n');
});

test('a stage table in flow style is written whole without the stage, its comment kept', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {a: {cmd: echo a}, b: {cmd: echo b}}   # two\n' });
  expect((await rig.run('remove', 'a')).code).toBe(0);
  expect(rig.read('pipeline.yaml')).toBe('stages: {b: {cmd: echo b}} # two\n');
});
