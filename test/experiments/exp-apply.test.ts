// `pipe exp apply <id|name>`: params back into params.yaml (comments kept), outs back from the
// cache; when the cache lost them, nothing is applied and it says what is missing and what to do.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, tempDir, TRAIN_PROJECT, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, TRAIN_PROJECT);
  expect(pipe(dir, 'exp', 'run', '-S', 'train.lr=0.1', '-n', 'big').code).toBe(0);
  expect(pipe(dir, 'exp', 'run', '-S', 'train.lr=0.001', '-n', 'small').code).toBe(0);
});
afterEach(() => cleanup());

const read = (p: string) => readFileSync(join(dir, p), 'utf8');

test('apply puts params and outs back without running the stage', () => {
  const r = pipe(dir, 'exp', 'apply', 'big');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('params.yaml: set to the params of big\n');
  expect(r.stdout).toContain('restored the outputs of big\n');
  expect(read('params.yaml')).toBe('# experiment params\ntrain:\n  lr: 0.1   # learning rate\n  epochs: 2\n  optimizer: adam\n');
  expect(JSON.parse(read('metrics/train.json'))).toEqual({ val_accuracy: 0.4, backend: 'cpu' });
  expect(read('runs.log')).toBe('ran\nran\n'); // the two exp runs only
  const status = pipe(dir, 'status');
  expect(status.code).toBe(0);
  expect(status.stdout).toContain('up to date');
});

test('outs no longer in the cache: nothing applied, exit 1, pointing to pipe pull and exp run', () => {
  rmSync(join(dir, 'cache'), { recursive: true });
  const [params, lock, metrics] = [read('params.yaml'), read('pipeline.lock'), read('metrics/train.json')];
  const r = pipe(dir, 'exp', 'apply', 'big');
  expect([r.code, r.stdout]).toEqual([1, '']);
  expect(r.stderr).toBe(
    'error: cannot apply big: the cache does not hold metrics/train.json; nothing was applied\n' +
      'hint: `pipe pull` fetches what the remote has, then `pipe exp apply big` again; or run it again with `pipe exp run` and its params (`pipe exp show big --all` lists them)\n',
  );
  expect([read('params.yaml'), read('pipeline.lock'), read('metrics/train.json')]).toEqual([params, lock, metrics]);
});

test('an unknown experiment is refused with exit 2', () => {
  const r = pipe(dir, 'exp', 'apply', 'nope');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe("error: no experiment with id or name 'nope'\nhint: list them with `pipe exp show`\n");
});
