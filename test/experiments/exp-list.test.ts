// `pipe exp list` (DVC's `dvc exp list`): the experiments recorded on the current commit, under
// its branch; `-A` every commit's, each under its short id; `--name-only` the names alone.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pipe, recordWith, tempDir, writeFiles, gitInit, commitAll, git } from './helpers.js';

let dir: string;
let cleanup: () => void;
let first: string;
let unnamed: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [m.json]\n', 'params.yaml': 'lr: 0.1\n', '.gitignore': 'metrics/\nm.json\n' });
  gitInit(dir);
  commitAll(dir, 'one');
  first = git(dir, 'rev-parse', 'HEAD').trim();
  await recordWith(dir, { 'm.json': { loss: 1 } }, { name: 'old', at: '2026-11-29T01:00:00Z' });
  writeFiles(dir, { 'params.yaml': 'lr: 0.2\n' });
  commitAll(dir, 'two');
  await recordWith(dir, { 'm.json': { loss: 0.5 } }, { name: 'new', at: '2026-11-29T02:00:00Z' });
  unnamed = await recordWith(dir, { 'm.json': { loss: 0.4 } }, { at: '2026-11-29T03:00:00Z' });
});
afterAll(() => cleanup());

test("the current commit's experiments, under its branch; --name-only the names alone", () => {
  const r = pipe(dir, 'exp', 'list');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, `main:\n\tnew\n\t${unnamed}\n`, '']);
  const names = pipe(dir, 'exp', 'list', '--name-only');
  expect([names.code, names.stdout]).toEqual([0, `new\n${unnamed}\n`]);
});

test('-A: every commit, each under its short id (the current one under its branch)', () => {
  const r = pipe(dir, 'exp', 'list', '-A');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, `${first.slice(0, 7)}:\n\told\nmain:\n\tnew\n\t${unnamed}\n`, '']);
});

test('none on this commit: a note pointing to -A', () => {
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'three');
  const r = pipe(dir, 'exp', 'list');
  const head = git(dir, 'rev-parse', 'HEAD').trim().slice(0, 7);
  expect([r.code, r.stdout, r.stderr]).toEqual([0, '', `note: no experiments recorded on HEAD (${head}): \`pipe exp list -A\` lists the 3 of other commits\n`]);
});
