// How `pipe stage add`'s options map onto pipeline.yaml: each kind of output with its cache and
// persist settings, desc, always_changed; the command after the options (after `--`, as one
// quoted string, or as words quoted for the shell); paths relative to the folder it is run in.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('outputs, metrics and plots, cached or not, persistent or not; desc; always_changed', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  const r = await rig.run(
    'stage', 'add', '-n', 'all',
    '-o', 'model.bin', '-O', 'small.txt', '--outs-persist', 'log', '--outs-persist-no-cache', 'notes.txt',
    '-m', 'm.json', '-M', 'scores.json', '--plots', 'hist.csv', '--plots-no-cache', 'roc.json',
    '--desc', 'everything at once', '--always-changed',
    'echo',
  );
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.read('pipeline.yaml')).toBe(`stages:
  all:
    cmd: echo
    outs:
      - model.bin
      - small.txt:
          cache: false
      - log:
          persist: true
      - notes.txt:
          cache: false
          persist: true
    metrics:
      - m.json
      - scores.json:
          cache: false
    plots:
      - hist.csv
      - roc.json:
          cache: false
    always_changed: true
    desc: everything at once
`);
});

test('the command: options after `--` are its own, one quoted string is taken as written, words are quoted where the shell needs it', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'params.yaml': 'lr: 0.5\n' });
  expect((await rig.run('stage', 'add', '-n', 'a', '-o', 'a.txt', '--', 'sh', '-c', 'echo "$0 $1" > a.txt', '--lr', '${lr}')).code).toBe(0);
  expect((await rig.run('stage', 'add', '-n', 'b', '-o', 'b.txt', 'echo b -V > b.txt')).code).toBe(0);
  // without `--`, options after the command's first word are the command's too (as in DVC)
  expect((await rig.run('stage', 'add', '-n', 'c', 'echo', '-o', 'x', '-V')).code).toBe(0);
  expect(rig.read('pipeline.yaml')).toBe(`stages:
  a:
    cmd: sh -c 'echo "$0 $1" > a.txt' --lr \${lr}
    outs:
      - a.txt
  b:
    cmd: echo b -V > b.txt
    outs:
      - b.txt
  c:
    cmd: echo -o x -V
`);
  const r = await rig.run('repro');
  expect([r.code, rig.read('a.txt'), rig.read('b.txt')]).toEqual([0, '--lr 0.5\n', 'b -V\n']);
});

test('paths are relative to the folder it is run in (or -w), which becomes the wdir', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'src/in.txt': 'i\n' });
  expect((await rig.runWith({ cwd: 'src' }, 'stage', 'add', '-n', 'copy', '-d', 'in.txt', '-o', 'out.txt', 'cp in.txt out.txt')).code).toBe(0);
  expect((await rig.run('stage', 'add', '-n', 'again', '-w', 'src', '-d', 'out.txt', '-o', 'again.txt', 'cp out.txt again.txt')).code).toBe(0);
  expect(rig.read('pipeline.yaml')).toBe(`stages:
  copy:
    cmd: cp in.txt out.txt
    wdir: src
    deps:
      - in.txt
    outs:
      - out.txt
  again:
    cmd: cp out.txt again.txt
    wdir: src
    deps:
      - out.txt
    outs:
      - again.txt
`);
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('src/again.txt')).toBe('i\n');
  expect((await rig.run('dag')).stdout).toBe('* copy\n* again <- copy\n');
});
