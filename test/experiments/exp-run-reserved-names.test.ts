// `exp run -n` refuses names the commands taking experiments would read as something else:
// `workspace`, git's HEAD names, id-like names (a name would hide the id prefixes it matches), and
// names git reads as a revision (a branch, a tag, a commit prefix): exit 2, nothing set or run.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, git, gitInit, pipe, tempDir, TRAIN_PROJECT, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;
let head: string;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { ...TRAIN_PROJECT, '.gitignore': '/.pipe/\n/cache/\n' });
  gitInit(dir);
  commitAll(dir, 'init');
  git(dir, 'tag', 'v1');
  head = git(dir, 'rev-parse', 'HEAD').trim();
});
afterAll(() => cleanup());

const other = 'hint: choose another name with -n\n';

test.each([
  ['workspace', "error: experiment name 'workspace' is not allowed: `pipe metrics diff`, `params diff` and `plots diff` read `workspace` as the files in the workspace, never as an experiment\n" + other],
  ['HEAD', "error: experiment name 'HEAD' is not allowed: it is git's name for a commit, and `pipe metrics diff HEAD` would compare the experiment instead\n" + other],
  ['ORIG_HEAD', "error: experiment name 'ORIG_HEAD' is not allowed: it is git's name for a commit, and `pipe metrics diff ORIG_HEAD` would compare the experiment instead\n" + other],
  ['2026', "error: experiment name '2026' is not allowed: it reads as (the start of) an experiment id, YYYYMMDD-HHMMSS-xxxx, and as a name it would hide the ids it starts\nhint: choose a name with a letter in it (-n run-2026)\n"],
  ['20261207-1430', "error: experiment name '20261207-1430' is not allowed: it reads as (the start of) an experiment id, YYYYMMDD-HHMMSS-xxxx, and as a name it would hide the ids it starts\nhint: choose a name with a letter in it (-n run-20261207-1430)\n"],
  ['HEAD~1', "error: experiment name 'HEAD~1' is not allowed\nhint: use ASCII letters (a-z, A-Z), digits and . _ + - (starting with a letter or digit)\n"],
])('-n %s is refused with exit 2 before anything runs', (name, stderr) => {
  const r = pipe(dir, 'exp', 'run', '-S', 'train.lr=0.02', '-n', name);
  expect([r.code, r.stderr]).toEqual([2, stderr]);
  expect(readFileSync(join(dir, 'params.yaml'), 'utf8')).toContain('lr: 0.01 ');
  expect(existsSync(join(dir, 'runs.log'))).toBe(false);
});

test.each([['main', 'main'], ['v1', 'v1'], ['commit prefix', '']])('a name git reads as a revision (%s) is refused with exit 2', (_what, given) => {
  // a prefix with a letter in it: an all-digit one (about one commit in 27) is refused as an id first
  const prefix = (n: number): string => (n >= head.length || /[a-f]/.test(head.slice(0, n)) ? head.slice(0, n) : prefix(n + 1));
  const name = given === '' ? prefix(7) : given;
  const r = pipe(dir, 'exp', 'run', '-S', 'train.lr=0.02', '-n', name);
  expect([r.code, r.stderr]).toEqual([
    2,
    `error: experiment name '${name}' is not allowed: git reads it as a revision (commit ${head.slice(0, 7)}), and \`pipe metrics diff ${name}\` would compare the experiment instead\n${other}`,
  ]);
  expect(existsSync(join(dir, 'runs.log'))).toBe(false);
});

test('names with letters and digits are fine, a seed among them', () => {
  const r = pipe(dir, 'exp', 'run', '-S', 'train.lr=0.02', '-n', 'seed-42');
  expect(r.code).toBe(0);
  expect(r.stderr).not.toContain('not allowed');
  expect(pipe(dir, 'exp', 'show', 'seed-42').code).toBe(0);
});
