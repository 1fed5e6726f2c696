// A repro whose stage failed is still recorded (its history matters); `exp show` marks it, and
// does not credit it with the metrics file the failed stage left behind from an earlier run.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [m.json]\n' });
  await recordWith(dir, { 'params.yaml': 'lr: 0.1\n', 'm.json': { loss: 1 } }, { name: 'ok', at: '2026-11-29T01:00:00Z' });
  await recordWith(dir, { 'params.yaml': 'lr: 9\n' }, { name: 'diverged', at: '2026-11-29T02:00:00Z', outcome: 'failed' });
});
afterAll(() => cleanup());

test('the failed experiment is labelled (failed) in tables, without the old loss, and flagged in JSON', () => {
  const text = pipe(dir, 'exp', 'show');
  expect(text.stdout).toBe(
    ['Experiment         Created           loss  lr', 'ok                 2026-11-29 01:00  1     0.1', 'diverged (failed)  2026-11-29 02:00  -     9', ''].join('\n'),
  );
  const json = JSON.parse(pipe(dir, 'exp', 'show', '--json').stdout) as { name: string; failed: boolean }[];
  expect(json.map((r) => [r.name, r.failed])).toEqual([['ok', false], ['diverged', true]]);
});
