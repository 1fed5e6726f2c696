// `pipe exp apply` puts back every params file the record holds (`other_params`), comments kept,
// guards their hand-edited values as it guards params.yaml's, and writes all its files or none.
// A record from before other_params leaves the other files alone and says so.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, gitInit, pipe, tempDir, TRAIN_PROJECT, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

const PROJECT: Record<string, string> = {
  'pipeline.yaml': `stages:
  train:
    cmd: node train.js
    deps: [train.js]
    params: [train.lr, {other.yaml: [opt.lr]}, {conf.json: [model.width]}]
    metrics: [metrics/train.json]
`,
  'params.yaml': '# experiment params\ntrain:\n  lr: 0.01   # learning rate\n',
  'other.yaml': '# optimizer\nopt:\n  lr: 0.5      # its own rate\n  momentum: 0.9\n',
  'conf.json': '{\n  "model": {\n    "width": 32\n  }\n}\n',
  'train.js': `const fs = require('fs');
const lr = Number(/lr: ([0-9.e-]+)/.exec(fs.readFileSync('other.yaml', 'utf8'))[1]);
const conf = JSON.parse(fs.readFileSync('conf.json', 'utf8'));
fs.mkdirSync('metrics', { recursive: true });
fs.writeFileSync('metrics/train.json', JSON.stringify({ acc: 1 - lr, width: conf.model.width }));
fs.appendFileSync('runs.log', 'ran\\n');
`,
};

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, PROJECT);
  expect(pipe(dir, 'exp', 'run', '-n', 'base').code).toBe(0);
  expect(pipe(dir, 'exp', 'run', '-S', 'other.yaml:opt.lr=0.2', '-S', 'conf.json:model.width=64', '-n', 'two').code).toBe(0);
});
afterEach(() => cleanup());

const read = (p: string) => readFileSync(join(dir, p), 'utf8');
const recordOf = (name: string): string => {
  const file = readdirSync(join(dir, 'metrics/experiments')).find((f) => JSON.parse(read(`metrics/experiments/${f}`)).name === name);
  if (file === undefined) throw new Error(`no record named ${name}`);
  return join(dir, 'metrics/experiments', file);
};
/** The record as pipe wrote it before other_params existed. */
function makeOld(name: string): void {
  const rec = JSON.parse(readFileSync(recordOf(name), 'utf8')) as Record<string, unknown>;
  delete rec.other_params;
  writeFileSync(recordOf(name), JSON.stringify(rec));
}

test('the other params files come back from the record, comments kept; outputs restored, nothing runs', () => {
  const r = pipe(dir, 'exp', 'apply', 'base');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toBe(
    'params.yaml: already has the params of base\nconf.json: set to the params of base\nother.yaml: set to the params of base\ntrain: metrics/train.json: restored from cache\n1 output restored.\nrestored the outputs of base\n',
  );
  expect(read('other.yaml')).toBe(PROJECT['other.yaml']);
  expect(read('conf.json')).toBe(PROJECT['conf.json']);
  expect(JSON.parse(read('metrics/train.json'))).toEqual({ acc: 0.5, width: 32 });
  expect(read('runs.log')).toBe('ran\nran\n'); // the two exp runs only
  expect(pipe(dir, 'status').stdout).toBe('Everything is up to date.\n');
});

test('a value edited by hand in another params file: refused, nothing written; --force applies', () => {
  const edited = read('other.yaml').replace('momentum: 0.9', 'momentum: 0.95');
  writeFileSync(join(dir, 'other.yaml'), edited);
  const r = pipe(dir, 'exp', 'apply', 'base');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    1,
    '',
    'error: applying base would overwrite other.yaml values no commit or experiment record holds (other.yaml:opt.momentum)\nhint: to keep them, commit other.yaml to git or run it with `pipe exp run`; to overwrite them, `pipe exp apply --force base`\n',
  ]);
  expect(read('other.yaml')).toBe(edited);
  expect(read('conf.json')).toBe('{\n  "model": {\n    "width": 64\n  }\n}\n');

  // with params.yaml edited too, both files are named
  writeFileSync(join(dir, 'params.yaml'), read('params.yaml').replace('lr: 0.01', 'lr: 0.07'));
  const both = pipe(dir, 'exp', 'apply', 'base');
  expect([both.code, both.stderr]).toEqual([
    1,
    'error: applying base would overwrite params.yaml and other.yaml values no commit or experiment record holds (train.lr, other.yaml:opt.momentum)\nhint: to keep them, commit params.yaml and other.yaml to git or run them with `pipe exp run`; to overwrite them, `pipe exp apply --force base`\n',
  ]);

  expect(pipe(dir, 'exp', 'apply', '--force', 'base').code).toBe(0);
  expect(read('other.yaml')).toBe(PROJECT['other.yaml']);
  expect(read('params.yaml')).toBe(PROJECT['params.yaml']);
  expect(read('conf.json')).toBe(PROJECT['conf.json']);
});

test('another params file as committed to git, or as a record holds it, is not in the way', () => {
  gitInit(dir);
  writeFileSync(join(dir, 'other.yaml'), read('other.yaml').replace('momentum: 0.9', 'momentum: 0.95'));
  commitAll(dir, 'momentum 0.95');
  expect(pipe(dir, 'exp', 'apply', 'base').code).toBe(0);
  // base's other.yaml is a record's: applying two needs no --force
  expect(pipe(dir, 'exp', 'apply', 'two').code).toBe(0);
  expect(read('other.yaml')).toBe('# optimizer\nopt:\n  lr: 0.2      # its own rate\n  momentum: 0.9\n');
});

test('all or none: a params file that cannot be written stops apply before any file changes', () => {
  writeFiles(dir, {
    'pipeline.yaml': PROJECT['pipeline.yaml']?.replace('{conf.json: [model.width]}', '{conf.json: [model.width]}, {sub/extra.yaml: [depth]}') ?? '',
    'sub/extra.yaml': 'depth: 3\n',
  });
  expect(pipe(dir, 'exp', 'run', '-S', 'sub/extra.yaml:depth=4', '-n', 'deep').code).toBe(0);
  expect(pipe(dir, 'exp', 'apply', 'base').code).toBe(0);
  // deep's record holds sub/extra.yaml; in the workspace, sub is now a file where its folder was
  rmSync(join(dir, 'sub'), { recursive: true });
  writeFileSync(join(dir, 'sub'), 'not a folder\n');
  const files = ['params.yaml', 'other.yaml', 'conf.json', 'pipeline.lock', 'metrics/train.json'];
  const before = files.map(read);

  // other.yaml and conf.json come first, in order, and would have been written: they are not
  const r = pipe(dir, 'exp', 'apply', 'deep');
  expect([r.code, r.stdout]).toEqual([1, '']);
  expect(r.stderr).toMatch(/^error: cannot write sub\/extra\.yaml: EEXIST: file already exists, mkdir '[^']*\/sub', so no file was changed\n$/);
  expect(files.map(read)).toEqual(before);
  expect(read('other.yaml')).toBe(PROJECT['other.yaml']);
  expect(readdirSync(dir).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
});

test('a record from before other_params: params.yaml applied, the other files left alone, with a note', () => {
  makeOld('base');
  const r = pipe(dir, 'exp', 'apply', 'base');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^params\.yaml: already has the params of base\ntrain: /);
  expect(r.stderr).toBe('note: conf.json and other.yaml left as they are: the record of base, from an older pipe, holds params.yaml alone\n');
  expect(read('other.yaml')).toBe(PROJECT['other.yaml']?.replace('lr: 0.5', 'lr: 0.2'));
  expect(read('conf.json')).toBe('{\n  "model": {\n    "width": 64\n  }\n}\n');

  // where no stage names another params file, an old record needs no note
  const { dir: plain, cleanup: done } = tempDir();
  try {
    writeFiles(plain, TRAIN_PROJECT);
    expect(pipe(plain, 'exp', 'run', '-S', 'train.lr=0.1', '-n', 'big').code).toBe(0);
    expect(pipe(plain, 'exp', 'run', '-S', 'train.lr=0.2').code).toBe(0);
    const [file] = readdirSync(join(plain, 'metrics/experiments')).filter((f) => readFileSync(join(plain, 'metrics/experiments', f), 'utf8').includes('"big"'));
    const path = join(plain, 'metrics/experiments', file ?? '');
    const rec = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    delete rec.other_params;
    writeFileSync(path, JSON.stringify(rec));
    const old = pipe(plain, 'exp', 'apply', 'big');
    expect([old.code, old.stderr]).toEqual([0, '']);
  } finally {
    done();
  }
});

test('a params file no stage named when the experiment ran is left alone, with a note', () => {
  writeFiles(dir, {
    'pipeline.yaml': PROJECT['pipeline.yaml']?.replace('{conf.json: [model.width]}', '{conf.json: [model.width]}, {extra.yaml: [depth]}') ?? '',
    'extra.yaml': 'depth: 3\n',
  });
  const r = pipe(dir, 'exp', 'apply', 'base');
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('note: extra.yaml left as it is: no stage named it when base ran\n');
  expect(read('extra.yaml')).toBe('depth: 3\n');
  expect(read('other.yaml')).toBe(PROJECT['other.yaml']);
});
