// `pipe stage add` changes pipeline.yaml only where the new stage goes: every comment, blank line,
// quoting and indentation of the user's file stays byte for byte, and the new stage takes the
// file's own indentation and spacing between stages.
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

# a comment about vars
vars:
  - {x: 1}
`;

test('a stage added after the last one, in its indentation, the rest untouched', async () => {
  const rig = makeRig({ 'pipeline.yaml': before });
  const r = await rig.run('stage', 'add', '-n', 'report', '-d', 't.txt', '-M', 'metrics.json', '--', 'sh', '-c', 'echo "{}" > metrics.json');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toBe("Added stage 'report' (pipeline.yaml:17:5); `pipe repro report` runs it\n");
  expect(rig.read('pipeline.yaml')).toBe(
    before.replace(
      '        # the end of train, indented under it\n',
      '        # the end of train, indented under it\n' +
        '\n' +
        '    report:\n' +
        `        cmd: sh -c 'echo "{}" > metrics.json'\n` +
        '        deps:\n' +
        '            - t.txt\n' +
        '        metrics:\n' +
        '            - metrics.json:\n' +
        '                  cache: false\n',
    ),
  );
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('metrics.json')).toBe('{}\n');
});

test('into a stage table with a comment on its line: the comment stays there', async () => {
  const rig = makeRig({ 'pipeline.yaml': '# top\nstages: {}   # none yet\n# bottom\n' });
  const r = await rig.run('stage', 'add', '-n', 'a', 'echo a');
  expect(r.code).toBe(0);
  expect(rig.read('pipeline.yaml')).toBe('# top\nstages:   # none yet\n  a:\n    cmd: echo a\n# bottom\n');
});

test('a file with CRLF line ends keeps them, the new lines included', async () => {
  const rig = makeRig({ 'pipeline.yaml': '# crlf\r\nstages:\r\n  a:\r\n    cmd: echo a\r\n' });
  expect((await rig.run('stage', 'add', '-n', 'b', 'echo b')).code).toBe(0);
  expect(rig.read('pipeline.yaml')).toBe('# crlf\r\nstages:\r\n  a:\r\n    cmd: echo a\r\n  b:\r\n    cmd: echo b\r\n');
  expect((await rig.run('repro')).code).toBe(0);
});
