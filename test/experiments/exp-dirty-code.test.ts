// An experiment run with uncommitted changes to a file git tracks that its record does not hold
// (code, here train.js): the record lists git's changed files, `exp show` marks the run (dirty) and
// names the files in a note (`uncommitted` in --json), and `exp apply` says it cannot bring them back.
// A record of an older pipe (dirty, without the list) is not marked; apply says it cannot tell.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, git, gitInit, pipe, tempDir, TRAIN_PROJECT, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

const recordOf = (name: string) => readdirSync(join(dir, 'metrics/experiments')).map((f) => join(dir, 'metrics/experiments', f)).find((f) => readFileSync(f, 'utf8').includes(`"name": "${name}"`)) ?? '';

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { ...TRAIN_PROJECT, '.gitignore': '/.pipe/\n/cache/\n/runs.log\n' });
  gitInit(dir);
  expect(pipe(dir, 'repro', '--no-record').code).toBe(0);
  commitAll(dir, 'base');
  appendFileSync(join(dir, 'train.js'), '// tuned by hand, never committed\n');
  expect(pipe(dir, 'exp', 'run', '-S', 'train.lr=0.2', '-n', 'edited').code).toBe(0);
  git(dir, 'checkout', '--', 'train.js');
  expect(pipe(dir, 'exp', 'run', '-S', 'train.lr=0.1', '-n', 'plain').code).toBe(0);
});
afterAll(() => cleanup());

test('the record lists what git had changed; exp show marks the run and names the files', () => {
  const rec = JSON.parse(readFileSync(recordOf('edited'), 'utf8')) as { git: { dirty: boolean; changed: string[] } };
  expect(rec.git).toMatchObject({ dirty: true, changed: ['params.yaml', 'pipeline.lock', 'train.js'] });
  const r = pipe(dir, 'exp', 'show');
  expect(r.code).toBe(0);
  expect(r.stdout.split('\n').map((l) => l.split('  ')[0])).toEqual(['Experiment', 'workspace', 'main', '├── edited (dirty)', '└── plain', '']);
  expect(r.stderr).toBe('note: edited (dirty) ran with uncommitted changes to train.js, which its record does not hold: `pipe exp apply` brings back its params and outputs, not those\n');
  const json = JSON.parse(pipe(dir, 'exp', 'show', '--json').stdout) as { type: string; name: string; uncommitted: string[] | null }[];
  expect(json.filter((x) => x.type === 'experiment').map((x) => [x.name, x.uncommitted])).toEqual([['edited', ['train.js']], ['plain', []]]);
});

test('exp apply of the dirty run says the changes are not brought back; a clean one says nothing of it', () => {
  const r = pipe(dir, 'exp', 'apply', 'edited');
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('note: edited ran with uncommitted changes to train.js, which its record does not hold: apply does not bring them back, so where they differ now `pipe status` says the stages reading them would run\n');
  expect(pipe(dir, 'status').stdout).toBe("train: would run (dep 'train.js' changed)\n1 would run.\n");
  expect(pipe(dir, 'exp', 'apply', 'plain').stderr).toBe('');
});

test('a record of an older pipe (dirty, no list): not marked by exp show; exp apply says it cannot tell', () => {
  const file = recordOf('edited');
  const rec = JSON.parse(readFileSync(file, 'utf8')) as { git: { changed?: string[] } };
  delete rec.git.changed;
  writeFileSync(file, JSON.stringify(rec));
  const show = pipe(dir, 'exp', 'show');
  expect([show.stdout.split('\n')[3]?.split('  ')[0], show.stderr]).toEqual(['├── edited', '']);
  const r = pipe(dir, 'exp', 'apply', 'edited');
  expect([r.code, r.stderr]).toEqual([0, 'note: edited ran with uncommitted changes to files git tracks, and its record (from an older pipe) does not say which: apply brings back its params and outputs, not those\n']);
});
