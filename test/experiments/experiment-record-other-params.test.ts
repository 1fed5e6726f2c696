// The experiment record keeps every params file a stage names besides params.yaml, whole, in
// `other_params` (path → data, null when missing); `params` stays params.yaml's data alone, as
// in the records written before.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { recordExperiment } from '../../src/experiments/record.js';
import { tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  process.env.GIT_CEILING_DIRECTORIES = dirname(dir);
});
afterEach(() => cleanup());

test('other.yaml whole, params.yaml of a wdir stage, a foreach copy\'s file; a missing one is null', async () => {
  writeFiles(dir, {
    'pipeline.yaml': `stages:
  train:
    cmd: x
    params: [train.lr, {other.yaml: [opt.lr]}, {gone.yaml: [x]}]
  fit:
    cmd: y
    wdir: sub
    params: [k]
  sweep:
    foreach: [a, b]
    do:
      cmd: z \${item}
      params: [{conf/sweep.yaml: ["\${item}.n"]}]
`,
    'params.yaml': 'train:\n  lr: 0.1\n  seeds: [1, 2]\n',
    'other.yaml': 'opt:\n  lr: 0.5\n  unlisted: [1, 2]\n',
    'sub/params.yaml': 'k: 3\n',
    'conf/sweep.yaml': 'a: {n: 1}\nb: {n: 2}\n',
  });
  const id = await recordExperiment({ root: dir, stages: [{ name: 'train', outcome: 'ran', durationMs: 1 }], now: new Date('2026-11-29T05:15:07.000Z') });
  const rec = JSON.parse(readFileSync(join(dir, 'metrics/experiments', `${id}.json`), 'utf8')) as Record<string, unknown>;
  expect(rec.params).toEqual({ train: { lr: 0.1, seeds: [1, 2] } });
  expect(rec.other_params).toEqual({
    'conf/sweep.yaml': { a: { n: 1 }, b: { n: 2 } },
    'gone.yaml': null,
    'other.yaml': { opt: { lr: 0.5, unlisted: [1, 2] } },
    'sub/params.yaml': { k: 3 },
  });
});
