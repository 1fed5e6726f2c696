// `pipe exp apply` of an experiment whose record does not hold a `cache: false` output (too large
// to keep): all or nothing, so nothing is written, and the message names the output and says to run
// the experiment again (`pipe pull` cannot bring an output that was never cached).
import { afterEach, beforeEach, expect, test } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, tempDir, uncachedMetricsExperiments } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  uncachedMetricsExperiments(dir);
});
afterEach(() => cleanup());

const read = (p: string) => readFileSync(join(dir, p), 'utf8');

test('nothing written; the output named, with exp run as the way back', () => {
  // as a record of an output over the size limit reads: without its text
  const file = readdirSync(join(dir, 'metrics/experiments')).map((f) => `metrics/experiments/${f}`).find((f) => read(f).includes('"name": "big"'));
  if (file === undefined) throw new Error('no record of big');
  const rec = JSON.parse(read(file)) as { uncached_outs: Record<string, string> };
  rec.uncached_outs = {};
  writeFileSync(join(dir, file), JSON.stringify(rec));
  const before = [read('params.yaml'), read('pipeline.lock'), read('metrics/train.json')];
  const r = pipe(dir, 'exp', 'apply', 'big');
  expect([r.code, r.stdout]).toEqual([1, '']);
  expect(r.stderr).toBe(
    'error: cannot apply big: its record does not hold metrics/train.json (cache: false, too large or a folder); nothing was applied\n' +
      'hint: run it again with `pipe exp run` and its params (`pipe exp show big --all` lists them)\n',
  );
  expect([read('params.yaml'), read('pipeline.lock'), read('metrics/train.json')]).toEqual(before);
});
