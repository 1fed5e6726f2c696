// `pipe exp run -S other.yaml:key=value` (DVC's `-S [<filename>:]<param_name>=<param_value>`): the
// value goes into that params file, comments kept, with params.yaml's checks; plain `-S key=value`
// stays params.yaml's; a `:` in a value is never a file. Refusals write nothing; a pipeline that
// does not load puts every file back; --temp and --queue runs write the worktree's copy.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, gitInit, pipe, tempDir, TRAIN_PROJECT, writeFiles } from './helpers.js';

let base: string;
let dir: string;
let cleanup: () => void;

const PROJECT: Record<string, string> = {
  'pipeline.yaml': `stages:
  train:
    cmd: node train.js
    deps: [train.js]
    params: [train.lr, {other.yaml: [opt.lr, opt.betas]}, {conf.json: [model.width]}]
    metrics: [metrics/train.json]
`,
  'params.yaml': '# experiment params\ntrain:\n  lr: 0.01   # learning rate\n  tag: plain\n',
  'other.yaml': '# optimizer\nopt:\n  lr: 0.5      # its own rate\n  betas: [0.9, 0.99]\n  url: http://example.com/a\n',
  'conf.json': '{\n  "model": {\n    "width": 32,\n    "name": "vgg",\n    "sizes": [3, 3]\n  }\n}\n',
  // reads the two other files as a stage would: YAML by hand, JSON with JSON.parse
  'train.js': `const fs = require('fs');
const lr = Number(/lr: ([0-9.e-]+)/.exec(fs.readFileSync('other.yaml', 'utf8'))[1]);
const conf = JSON.parse(fs.readFileSync('conf.json', 'utf8'));
fs.mkdirSync('metrics', { recursive: true });
fs.writeFileSync('metrics/train.json', JSON.stringify({ acc: 1 - lr, width: conf.model.width }));
fs.appendFileSync('runs.log', 'ran\\n');
`,
  '.gitignore': '/.pipe/\n/cache/\nruns.log\n',
};

beforeEach(() => {
  ({ dir: base, cleanup } = tempDir());
  // in a folder of its own, so the worktrees of --temp/--queue land beside it, in base/
  dir = join(base, 'repo');
  mkdirSync(dir);
  writeFiles(dir, PROJECT);
});
afterEach(() => cleanup());

const read = (p: string, root = dir) => readFileSync(join(root, p), 'utf8');
const records = (root = dir) =>
  readdirSync(join(root, 'metrics/experiments')).map((f) => JSON.parse(readFileSync(join(root, 'metrics/experiments', f), 'utf8')) as Record<string, unknown>);

test('file:key sets that file, comments kept; a plain key is params.yaml; the record holds both', () => {
  const r = pipe(dir, 'exp', 'run', '-S', 'other.yaml:opt.lr=0.2', '-S', 'other.yaml:opt.betas=[0.8, 0.9]', '-S', 'train.lr=0.02', '-n', 'two');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(read('runs.log')).toBe('ran\n');
  expect(read('other.yaml')).toBe('# optimizer\nopt:\n  lr: 0.2      # its own rate\n  betas: [0.8, 0.9]\n  url: http://example.com/a\n');
  expect(read('params.yaml')).toBe('# experiment params\ntrain:\n  lr: 0.02   # learning rate\n  tag: plain\n');
  expect(read('conf.json')).toBe(PROJECT['conf.json']);
  const [rec] = records();
  expect(rec).toMatchObject({
    name: 'two',
    params: { train: { lr: 0.02, tag: 'plain' } },
    other_params: { 'other.yaml': { opt: { lr: 0.2, betas: [0.8, 0.9], url: 'http://example.com/a' } }, 'conf.json': { model: { width: 32 } } },
    metrics: { 'metrics/train.json': { acc: 0.8, width: 32 } },
  });
});

test('a : in a value is no file: only a prefix before the first = naming a .yaml/.yml/.json file is', () => {
  const r = pipe(dir, 'exp', 'run', '-S', 'other.yaml:opt.url=https://x.org/a=b:c', '-S', 'train.tag=http://host/x.yaml:8', '-S', 'params.yaml:train.lr=0.03');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(read('other.yaml')).toBe('# optimizer\nopt:\n  lr: 0.5      # its own rate\n  betas: [0.9, 0.99]\n  url: https://x.org/a=b:c\n');
  expect(read('params.yaml')).toBe('# experiment params\ntrain:\n  lr: 0.03   # learning rate\n  tag: http://host/x.yaml:8\n');
});

test('a JSON params file stays JSON: values replaced in place, lists written as JSON', () => {
  const r = pipe(dir, 'exp', 'run', '-S', 'conf.json:model.width=64', '-S', 'conf.json:model.name=res net', '-S', 'conf.json:model.sizes=[5, 3]');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(read('conf.json')).toBe('{\n  "model": {\n    "width": 64,\n    "name": "res net",\n    "sizes": [5, 3]\n  }\n}\n');
  expect(JSON.parse(read('metrics/train.json'))).toEqual({ acc: 0.5, width: 64 });
});

const NOT_NAMED = "error: cannot set 'a' in nope.yaml: no stage in pipeline.yaml names nope.yaml as a params file\nhint: -S file:key=value sets a params file a stage names: conf.json, other.yaml (plain -S key=value sets params.yaml)\n";

test.each([
  [['nope.yaml:a=1'], NOT_NAMED],
  // a correct params.yaml key beside it is not written either
  [['train.lr=0.5', 'nope.yaml:a=1'], NOT_NAMED],
  [['train.lr=0.5', 'other.yaml:opt.x=1'], "error: unknown param 'opt.x': it is not in other.yaml\nhint: -S key=value sets only keys other.yaml already has: check the spelling there, or add it: -S 'other.yaml:+opt.x=1'\n"],
  [['other.yaml:opt.lr=fast'], "error: other.yaml:3:7: param 'opt.lr' is a number in other.yaml; 'fast' is a string\nhint: give a number\n"],
  [['conf.json:model.name=1'], "error: conf.json:4:13: param 'model.name' is a string in conf.json; '1' is a number\nhint: quote it to pass a string: -S 'conf.json:model.name=\"1\"'\n"],
  [['other.yaml:=1'], "error: -S 'other.yaml:=1': expected key=value, e.g. -S train.epochs=10\n"],
  // a plain key params.yaml lacks and another params file has: the -S to write
  [['opt.betas=[0.8, 0.9]'], "error: unknown param 'opt.betas': it is not in params.yaml, but other.yaml has it\nhint: -S 'other.yaml:opt.betas=[0.8, 0.9]'\n"],
])('-S %j is refused with exit 2; no file written, nothing run', (sets, stderr) => {
  const r = pipe(dir, 'exp', 'run', ...sets.flatMap((s) => ['-S', s]));
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', stderr]);
  for (const f of ['params.yaml', 'other.yaml', 'conf.json']) expect(read(f)).toBe(PROJECT[f]);
  expect(existsSync(join(dir, 'runs.log'))).toBe(false);
});

test('a params file a stage names that does not exist is refused with exit 2', () => {
  rmSync(join(dir, 'other.yaml'));
  const r = pipe(dir, 'exp', 'run', '-S', 'train.lr=0.5', '-S', 'other.yaml:opt.lr=0.2');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: -S needs other.yaml, and ${dir} has none\n`]);
  expect(read('params.yaml')).toBe(PROJECT['params.yaml']);
  expect(existsSync(join(dir, 'other.yaml'))).toBe(false);
});

test('with no other params file named, the hint says so', () => {
  const { dir: plain, cleanup: done } = tempDir();
  try {
    writeFiles(plain, TRAIN_PROJECT);
    const r = pipe(plain, 'exp', 'run', '-S', 'other.yaml:opt.lr=0.2');
    expect([r.code, r.stderr]).toEqual([
      2,
      "error: cannot set 'opt.lr' in other.yaml: no stage in pipeline.yaml names other.yaml as a params file\nhint: -S file:key=value sets a params file a stage names (`params: [{other.yaml: [opt.lr]}]`), and none names one besides params.yaml\n",
    ]);
  } finally {
    done();
  }
});

test('a pipeline that fails to load with the -S values: nothing runs, and every file goes back', () => {
  // a dep naming a param params.yaml lacks: loads fail whatever -S sets
  writeFiles(dir, { 'pipeline.yaml': PROJECT['pipeline.yaml']?.replace('deps: [train.js]', 'deps: [train.js, "${train.srcx}"]') ?? '' });
  const r = pipe(dir, 'exp', 'run', '-S', 'other.yaml:opt.lr=0.2', '-S', 'train.lr=0.5');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^error: pipeline\.yaml:4:\d+: param 'train\.srcx' used by stage 'train' is not in params\.yaml\n[^]*note: nothing ran, so other\.yaml and params\.yaml are back as they were \(without the -S values\)\n$/);
  expect(read('params.yaml')).toBe(PROJECT['params.yaml']);
  expect(read('other.yaml')).toBe(PROJECT['other.yaml']);
  // the other file alone
  const alone = pipe(dir, 'exp', 'run', '-S', 'other.yaml:opt.lr=0.2');
  expect(alone.stderr).toMatch(/\nnote: nothing ran, so other\.yaml is back as it was \(without the -S values\)\n$/);
  expect(read('other.yaml')).toBe(PROJECT['other.yaml']);
  expect(existsSync(join(dir, 'runs.log'))).toBe(false);
});

test('--queue and --temp write the value into the worktree\'s file; the workspace keeps its own', () => {
  gitInit(dir);
  commitAll(dir, 'init');
  const q = pipe(dir, 'exp', 'run', '--queue', '-S', 'other.yaml:opt.lr=0.2', '-n', 'queued');
  expect(q.code).toBe(0);
  const [worktree] = readdirSync(base).filter((n) => n.startsWith('.repo-exp-'));
  expect(read('other.yaml', join(base, worktree ?? ''))).toBe(PROJECT['other.yaml']?.replace('lr: 0.5', 'lr: 0.2'));
  const list = pipe(dir, 'exp', 'queue');
  expect(list.stdout).toMatch(/\nqueued +queued +\S+ \S+ +\(all\) +-S other\.yaml:opt\.lr=0\.2\n$/);
  expect(pipe(dir, 'exp', 'queue', 'start').code).toBe(0);

  const t = pipe(dir, 'exp', 'run', '--temp', '-S', 'other.yaml:opt.lr=0.3', '-S', 'conf.json:model.width=16', '-n', 'temp');
  expect(t.code).toBe(0);
  for (const f of ['params.yaml', 'other.yaml', 'conf.json']) expect(read(f)).toBe(PROJECT[f]);
  expect(existsSync(join(dir, 'runs.log'))).toBe(false);
  const byName = Object.fromEntries(records().map((x) => [x.name, x]));
  expect(byName.queued).toMatchObject({ other_params: { 'other.yaml': { opt: { lr: 0.2 } } }, metrics: { 'metrics/train.json': { acc: 0.8, width: 32 } } });
  expect(byName.temp).toMatchObject({ other_params: { 'other.yaml': { opt: { lr: 0.3 } }, 'conf.json': { model: { width: 16 } } }, metrics: { 'metrics/train.json': { acc: 0.7, width: 16 } } });
});
