// `pipe exp apply` refuses to overwrite what nothing else holds: params.yaml values in no commit
// and no experiment record, outputs whose content is not in the cache. --force overwrites them.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, gitInit, pipe, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

const PROJECT = {
  'pipeline.yaml': 'stages:\n  train:\n    cmd: node train.js\n    deps: [train.js]\n    params: [train.lr]\n    outs: [model.txt]\n    metrics: [metrics/train.json]\n',
  'params.yaml': 'train:\n  lr: 0.01   # learning rate\n  epochs: 2\n',
  'train.js': `const fs = require('fs');
const lr = Number(/lr: ([0-9.e-]+)/.exec(fs.readFileSync('params.yaml', 'utf8'))[1]);
fs.writeFileSync('model.txt', 'model at lr ' + lr + '\\n');
fs.mkdirSync('metrics', { recursive: true });
fs.writeFileSync('metrics/train.json', JSON.stringify({ val_accuracy: 0.5 - lr }));
fs.appendFileSync('runs.log', 'ran\\n');
`,
};

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, PROJECT);
  expect(pipe(dir, 'exp', 'run', '-S', 'train.lr=0.1', '-n', 'big').code).toBe(0);
  expect(pipe(dir, 'exp', 'run', '-S', 'train.lr=0.001', '-n', 'small').code).toBe(0);
});
afterEach(() => cleanup());

const read = (p: string) => readFileSync(join(dir, p), 'utf8');
const HINT = (what: string) => `hint: to keep them, ${what}; to overwrite them, \`pipe exp apply --force big\`\n`;
const PARAMS_HINT = HINT('commit params.yaml to git or run it with `pipe exp run`');
const OUTS_HINT = HINT('`pipe commit` puts outputs in the cache');

test('params.yaml edited by hand and never run: refused, nothing written; --force applies', () => {
  const edited = read('params.yaml').replace('lr: 0.001', 'lr: 0.05').replace('epochs: 2', 'epochs: 3');
  writeFileSync(join(dir, 'params.yaml'), edited);
  const r = pipe(dir, 'exp', 'apply', 'big');
  expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `error: applying big would overwrite params.yaml values no commit or experiment record holds (train.epochs, train.lr)\n${PARAMS_HINT}`]);
  expect(read('params.yaml')).toBe(edited);
  expect(read('model.txt')).toBe('model at lr 0.001\n');

  const forced = pipe(dir, 'exp', 'apply', '--force', 'big');
  expect(forced.code).toBe(0);
  expect(read('params.yaml')).toBe('train:\n  lr: 0.1   # learning rate\n  epochs: 2\n');
  expect(read('model.txt')).toBe('model at lr 0.1\n');
  expect(read('runs.log')).toBe('ran\nran\n');
});

test('a key the experiment does not set is kept by apply: it is not in the way', () => {
  writeFileSync(join(dir, 'params.yaml'), `${read('params.yaml')}extra:\n  k: 1\n`);
  expect(pipe(dir, 'exp', 'apply', 'big').code).toBe(0);
  expect(read('params.yaml')).toBe('train:\n  lr: 0.1   # learning rate\n  epochs: 2\nextra:\n  k: 1\n');
});

test('params.yaml as committed to git, or as an experiment recorded it, is not in the way', () => {
  gitInit(dir);
  writeFileSync(join(dir, 'params.yaml'), read('params.yaml').replace('lr: 0.001', 'lr: 0.05'));
  commitAll(dir, 'lr 0.05');
  expect(pipe(dir, 'exp', 'apply', 'big').code).toBe(0);
  // now the workspace holds big's params: recorded, so applying small needs no --force
  expect(pipe(dir, 'exp', 'apply', 'small').code).toBe(0);
  expect(read('model.txt')).toBe('model at lr 0.001\n');
});

test('an output edited by hand: refused, left as it is; --force restores it, keeping the edit in .pipe/kept/', () => {
  writeFileSync(join(dir, 'model.txt'), 'my hand-tuned model\n');
  const r = pipe(dir, 'exp', 'apply', 'big');
  expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `error: applying big would overwrite outputs whose content the cache does not hold (model.txt)\n${OUTS_HINT}`]);
  expect(read('model.txt')).toBe('my hand-tuned model\n');
  expect(read('params.yaml')).toContain('lr: 0.001');

  const forced = pipe(dir, 'exp', 'apply', '-f', 'big');
  expect(forced.code).toBe(0);
  expect(forced.stdout).toMatch(/^params\.yaml: set to the params of big\n[^]*\ntrain: model\.txt: restored from cache\n[^]*restored the outputs of big\n$/);
  expect(read('model.txt')).toBe('model at lr 0.1\n');
  // what it overwrote was moved to .pipe/kept/ first, and the warning says where
  const folder = /\.pipe\/kept\/(\d{8}-\d{6}-train)\/model\.txt before putting back the version pipeline\.lock records/.exec(forced.stderr)?.[1];
  expect(folder).toMatch(/^\d{8}-\d{6}-train$/);
  expect(read(`.pipe/kept/${folder}/model.txt`)).toBe('my hand-tuned model\n');
});
