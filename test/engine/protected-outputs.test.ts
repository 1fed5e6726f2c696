// An output may not be, hold or lie inside pipe's or git's own files (the cache, .pipe/, .git,
// pipeline.yaml, pipeline.lock) nor a params file a stage reads: a run removes its outputs before
// its command starts, so it would delete them. Refused when the pipeline loads (exit 2, at the
// output's line), before anything is removed; `pipe stage add` refuses the same.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const withOut = (out: string) => `stages:\n  a:\n    cmd: ${counted('a', 'echo hi > x')}\n    outs: [${out}]\n`;
const refused = (out: string, what: string, lost = 'it', hint = "name a file or folder of the stage's own") =>
  `error: pipeline.yaml:4:12: output '${out}' of stage 'a' ${what}: a run removes its outputs before its command starts, so it would delete ${lost}; ${hint}\n      outs: [${out}]\n             ^\n`;

test('outs: [cache] is refused by status and repro, and the cache stays', async () => {
  const rig = makeRig({ 'pipeline.yaml': withOut('cache'), 'cache/objects/ab/keep': 'k' });
  const expected = refused('cache', "is pipe's cache folder (cache/: every stored output and run)", 'it', "name a file or folder of the stage's own (`outs: [model-cache]`; a `cache` folder below the root, `data/cache`, is fine)");
  const status = await rig.run('status');
  expect([status.code, status.stdout, status.stderr]).toEqual([2, '', expected]);
  const repro = await rig.run('repro');
  expect([repro.code, repro.stderr]).toEqual([2, expected]);
  expect(rig.count('a')).toBe(0);
  expect(rig.read('cache/objects/ab/keep')).toBe('k');
});

test('.git, .pipe/..., pipeline.yaml and pipeline.lock: each refused at its line, nothing removed', async () => {
  const cases: [string, string, string][] = [
    ['.git', "is git's repository folder (the project's whole history)", 'it'],
    ['.pipe/x', "lies inside pipe's state folder (.pipe/)", 'what is there'],
    ['pipeline.lock', "is pipe's record of every stage's results (pipeline.lock)", 'it'],
    ['pipeline.yaml', 'is the pipeline file itself', 'it'],
    ['sub/.git/x', "lies inside a git repository folder ('sub/.git')", 'what is there'],
  ];
  for (const [out, what, lost] of cases) {
    const rig = makeRig({ 'pipeline.yaml': withOut(out), '.git/HEAD': 'ref: refs/heads/main\n', 'pipeline.lock': "schema: '1'\nstages: {}\n" });
    const r = await rig.run('repro');
    expect([out, r.code, r.stdout, r.stderr]).toEqual([out, 2, '', refused(out, what, lost)]);
    expect(rig.count('a')).toBe(0);
    expect(rig.read('.git/HEAD')).toBe('ref: refs/heads/main\n');
    expect(rig.exists('pipeline.lock')).toBe(true);
  }
});

test('an output folder holding a params file its stage reads, or that file itself; another stage\'s params file is made first', async () => {
  const rig = makeRig({
    'conf/p.yaml': 'a: 1\n',
    'p.yaml': 'b: 2\n',
    'pipeline.yaml': 'stages:\n  s:\n    cmd: echo\n    params: [{conf/p.yaml: [a]}]\n    outs: [conf]\n',
  });
  const own = await rig.run('status');
  expect([own.code, own.stderr]).toEqual([
    2,
    "error: pipeline.yaml:4:14: cycle: stage 's' reads params from its own output 'conf'\n      params: [{conf/p.yaml: [a]}]\n               ^\n",
  ]);
  // the file itself, read by this stage: refused; read by another stage: a generated config,
  // made first (graph.ts), the hand-written one moved aside, not lost
  rig.write({ 'pipeline.yaml': 'stages:\n  s:\n    cmd: echo\n    params: [{p.yaml: [b]}]\n    outs: [p.yaml]\n' });
  const itself = await rig.run('status');
  expect(itself.code).toBe(2);
  expect(itself.stderr).toContain("cycle: stage 's' reads params from its own output 'p.yaml'");
  expect(rig.read('p.yaml')).toBe('b: 2\n');
  rig.write({ 'pipeline.yaml': 'stages:\n  t:\n    cmd: cat p.yaml > t.txt\n    params: [{p.yaml: [b]}]\n    outs: [t.txt]\n  u:\n    cmd: \'echo "b: 3" > p.yaml\'\n    outs: [p.yaml]\n' });
  const other = await rig.run('repro');
  expect(other.code).toBe(0);
  expect(rig.read('t.txt')).toBe('b: 3\n');
  rig.write({ 'p.yaml': 'b: 2\n' });
  expect(rig.read('conf/p.yaml')).toBe('a: 1\n');
  expect(rig.read('p.yaml')).toBe('b: 2\n');
});

test('pipe stage add -o cache is refused, pipeline.yaml unchanged; data/cache is fine', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  const r = await rig.run('stage', 'add', '-n', 'b', '-o', 'cache', 'echo');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: pipeline.yaml:5:9: output 'cache' of stage 'b' is pipe's cache folder (cache/: every stored output and run): a run removes its outputs before its command starts, so it would delete it; name a file or folder of the stage's own (`outs: [model-cache]`; a `cache` folder below the root, `data/cache`, is fine)\n        - cache\n          ^\n" +
      "error: stage 'b' was not added: pipeline.yaml would not load with it (the lines shown are those of the file it would have written; pipeline.yaml is unchanged)\n",
  ]);
  expect(rig.read('pipeline.yaml')).toBe('stages: {}\n');
  expect((await rig.run('stage', 'add', '-n', 'c', '-o', 'data/cache', 'mkdir -p data/cache')).code).toBe(0);
  expect((await rig.run('repro')).code).toBe(0);
});
