// `pipe exp apply` where the .pipe file already holds the experiment's data version but the data
// in the workspace differs from it (edited since, or deleted): it no longer claims the data is as
// the experiment had it. Data a stage reads is put back (edits the cache does not hold refused
// without --force, kept in .pipe/kept/ with it, as checkout -f keeps them); data no stage reads
// is left as it is, and said to differ.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { commitAll, gitInit, pipe, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

test('data differing from the .pipe file apply keeps: read by a stage, put back; read by none, said', () => {
  writeFiles(dir, {
    'pipeline.yaml': 'stages:\n  count:\n    cmd: wc -l < data/raw.csv > rows.txt\n    deps: [data/raw.csv]\n    outs: [rows.txt]\n',
    'data/raw.csv': '1\n2\n',
    'notes.txt': 'mine\n',
  });
  gitInit(dir);
  for (const p of ['data/raw.csv', 'notes.txt']) expect(pipe(dir, 'add', p).code).toBe(0);
  commitAll(dir, 'base');
  expect(pipe(dir, 'exp', 'run', '-n', 'two').code).toBe(0);

  // edits the cache does not hold: refused, nothing changed
  writeFiles(dir, { 'data/raw.csv': '1\n2\n3\n', 'notes.txt': 'edited\n' });
  const refused = pipe(dir, 'exp', 'apply', 'two');
  expect([refused.code, refused.stdout, refused.stderr]).toEqual([
    1,
    '',
    'error: applying two would overwrite outputs whose content the cache does not hold (data/raw.csv)\nhint: to keep them, `pipe commit` puts outputs in the cache; to overwrite them, `pipe exp apply --force two`\n',
  ]);
  expect(readFileSync(join(dir, 'data/raw.csv'), 'utf8')).toBe('1\n2\n3\n');

  // --force: the edit kept in .pipe/kept/, the experiment's data back; notes.txt left as it is
  const forced = pipe(dir, 'exp', 'apply', '--force', 'two');
  expect(forced.code).toBe(0);
  expect(forced.stdout).toContain(
    'data/raw.csv.pipe: already has the data version of two, but data/raw.csv differs from it (edited since, or missing): putting that version back\n' +
      'notes.txt.pipe: already has the data version of two, but notes.txt differs from it (edited since, or missing); no stage reads it, so it is left as it is (`pipe checkout notes.txt` puts that version back)\n',
  );
  expect(readFileSync(join(dir, 'data/raw.csv'), 'utf8')).toBe('1\n2\n');
  expect(readdirSync(join(dir, '.pipe/kept')).length).toBe(1);
  expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('edited\n');

  // deleted: put back without --force (nothing to lose)
  rmSync(join(dir, 'data/raw.csv'));
  const missing = pipe(dir, 'exp', 'apply', 'two');
  expect([missing.code, missing.stderr]).toEqual([0, '']);
  expect(missing.stdout).toBe(
    'params.yaml: already has the params of two\n' +
      'data/raw.csv.pipe: already has the data version of two, but data/raw.csv differs from it (edited since, or missing): putting that version back\n' +
      'notes.txt.pipe: already has the data version of two, but notes.txt differs from it (edited since, or missing); no stage reads it, so it is left as it is (`pipe checkout notes.txt` puts that version back)\n' +
      'data/raw.csv.pipe: data/raw.csv: restored from cache\n1 output restored.\ncount: rows.txt: up to date\n0 outputs restored.\nrestored the outputs of two\n',
  );
  expect(existsSync(join(dir, 'data/raw.csv'))).toBe(true);
  expect(readFileSync(join(dir, 'rows.txt'), 'utf8').trim()).toBe('2');
});
