// Experiments carry the version of the data `pipe add` tracks that they ran on: records hold the
// tracking files (`tracked_files`), `exp apply` writes them back and checks that data out, `exp
// branch` commits them; tracked data the experiment did not change is left alone.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { commitAll, git, gitInit, pipe, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const PIPELINE = 'stages:\n  count:\n    cmd: cat data/raw/* | wc -l > lines.txt\n    deps: [data/raw]\n    outs: [lines.txt]\n';


/** A git project reading `data/raw` (added), with experiments `v1` and `v2` run on two versions of its file (`a`, then `second`). */
function twoDataVersions(second: string): void {
  writeFiles(dir, { 'pipeline.yaml': PIPELINE, 'data/raw/a.txt': 'a\n' });
  gitInit(dir);
  expect(pipe(dir, 'add', 'data/raw').code).toBe(0);
  commitAll(dir, 'base');
  expect(pipe(dir, 'exp', 'run', '-n', 'v1').code).toBe(0);
  writeFiles(dir, { 'data/raw/a.txt': second });
  expect(pipe(dir, 'add', 'data/raw').code).toBe(0);
  expect(pipe(dir, 'exp', 'run', '-n', 'v2').code).toBe(0);
}

test('apply puts the data version back, branch commits it; other tracked data stays as it is', () => {
  writeFiles(dir, { 'pipeline.yaml': PIPELINE, 'data/raw/a.txt': 'a\n', 'notes/n.txt': 'mine\n' });
  gitInit(dir);
  for (const p of ['data/raw', 'notes']) expect(pipe(dir, 'add', p).code).toBe(0);
  commitAll(dir, 'base');
  expect(pipe(dir, 'exp', 'run', '-n', 'v1').code).toBe(0);
  const v1 = readFileSync(join(dir, 'data/raw.pipe'), 'utf8');
  const records = readdirSync(join(dir, 'metrics/experiments')).map((f) => JSON.parse(readFileSync(join(dir, 'metrics/experiments', f), 'utf8')) as { name: string; tracked_files?: Record<string, string> });
  const rec: { tracked_files?: Record<string, string> } = records.find((r) => r.name === 'v1') ?? {};
  expect(Object.keys(rec.tracked_files ?? {})).toEqual(['data/raw.pipe', 'notes.pipe']);
  expect(rec.tracked_files?.['data/raw.pipe']).toBe(v1);

  writeFiles(dir, { 'data/raw/b.txt': 'b\n' });
  expect(pipe(dir, 'add', 'data/raw').code).toBe(0);
  expect(pipe(dir, 'exp', 'run', '-n', 'v2').code).toBe(0);
  expect(readFileSync(join(dir, 'lines.txt'), 'utf8').trim()).toBe('2');
  writeFiles(dir, { 'notes/n.txt': 'edited since, not recorded\n' });

  const applied = pipe(dir, 'exp', 'apply', 'v1');
  expect([applied.code, applied.stderr]).toEqual([0, '']);
  expect(applied.stdout).toContain('data/raw.pipe: set to the data version of v1\nnotes.pipe: already has the data version of v1, but notes differs from it (edited since, or missing); no stage reads it, so it is left as it is (`pipe checkout notes` puts that version back)\n');
  expect(readFileSync(join(dir, 'data/raw.pipe'), 'utf8')).toBe(v1);
  expect([readFileSync(join(dir, 'lines.txt'), 'utf8').trim(), pipe(dir, 'status').stdout.split('\n')[0]]).toEqual(['1', 'notes: modified (differs from notes.pipe): `pipe add notes` records the change, `pipe checkout notes` restores what notes.pipe records']);
  expect(readFileSync(join(dir, 'notes/n.txt'), 'utf8')).toBe('edited since, not recorded\n');

  const branched = pipe(dir, 'exp', 'branch', 'v2', 'data-v2');
  expect(branched.code).toBe(0);
  expect(git(dir, 'show', 'data-v2:data/raw.pipe')).not.toBe(v1);
  expect(git(dir, 'diff', '--name-only', 'HEAD', 'data-v2').split('\n').filter(Boolean)).toEqual(['.gitignore', 'data/raw.pipe', 'pipeline.lock']);
});

test('pipe gc keeps the data versions records name, so exp apply still puts them back; gc -w does not', () => {
  twoDataVersions('changed\n');
  expect(pipe(dir, 'gc', '-f').code).toBe(0);
  const applied = pipe(dir, 'exp', 'apply', 'v1');
  expect([applied.code, applied.stderr, readFileSync(join(dir, 'data/raw/a.txt'), 'utf8')]).toEqual([0, '', 'a\n']);
  expect(pipe(dir, 'exp', 'apply', 'v2').code).toBe(0);
  expect(pipe(dir, 'gc', '-w', '-f').code).toBe(0);
  const gone = pipe(dir, 'exp', 'apply', 'v1');
  expect(gone.code).toBe(1);
  expect(readFileSync(join(dir, 'data/raw/a.txt'), 'utf8')).toBe('changed\n');
});

test('apply writes nothing when the data version is not in the cache or the data has unsaved edits', () => {
  twoDataVersions('two\n');
  const pipeFile = readFileSync(join(dir, 'data/raw.pipe'), 'utf8');

  writeFiles(dir, { 'data/raw/a.txt': 'edited, never added\n' });
  const unsaved = pipe(dir, 'exp', 'apply', 'v1');
  expect([unsaved.code, unsaved.stderr]).toEqual([1, expect.stringContaining('data/raw')]);
  expect([readFileSync(join(dir, 'data/raw.pipe'), 'utf8'), readFileSync(join(dir, 'data/raw/a.txt'), 'utf8')]).toEqual([pipeFile, 'edited, never added\n']);
  writeFiles(dir, { 'data/raw/a.txt': 'two\n' });

  // v1's data gone from the cache (gc -w keeps only what pipeline.lock and the .pipe files name)
  expect(pipe(dir, 'gc', '-w', '-f').code).toBe(0);
  const absent = pipe(dir, 'exp', 'apply', 'v1');
  expect([absent.code, absent.stdout, absent.stderr]).toEqual([1, '', 'error: the version of data/raw it ran on is not in the cache: nothing was applied\nhint: `pipe pull` fetches it from the remote, then apply again\n']);
  expect([readFileSync(join(dir, 'data/raw.pipe'), 'utf8'), readFileSync(join(dir, 'data/raw/a.txt'), 'utf8')]).toEqual([pipeFile, 'two\n']);
});

test('exp branch of a run on data added after the base commit: the data gets its .gitignore line', () => {
  writeFiles(dir, { 'pipeline.yaml': PIPELINE });
  gitInit(dir);
  commitAll(dir, 'base, no data yet');
  writeFiles(dir, { 'data/raw/a.txt': 'a\n' });
  expect(pipe(dir, 'add', 'data/raw').code).toBe(0);
  expect(pipe(dir, 'exp', 'run', '-n', 'v1').code).toBe(0);
  expect(pipe(dir, 'exp', 'branch', 'v1', 'b1').code).toBe(0);
  expect(git(dir, 'show', 'b1:data/.gitignore')).toBe('/raw\n');
});
