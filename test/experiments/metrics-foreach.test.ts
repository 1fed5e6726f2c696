// Metrics declared in a foreach stage: one file per item, found by `pipe metrics show` under the
// paths the engine gives each copy (items from pipeline.yaml or from params.yaml).
import { afterEach, beforeEach, expect, test } from 'vitest';
import { pipe, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, {
    'params.yaml': 'seeds: [1, 2]\n',
    'pipeline.yaml':
      'stages:\n  train:\n    foreach: ${seeds}\n    do:\n      cmd: node train.js ${item}\n      metrics: ["m/train-${item}.json"]\n' +
      '  fit:\n    foreach:\n      small: {dir: s}\n    do:\n      cmd: node fit.js\n      wdir: ${item.dir}\n      metrics: ["fit-${key}.json"]\n',
    'm/train-1.json': { accuracy: 0.5 },
    'm/train-2.json': { accuracy: 0.25 },
    's/fit-small.json': { loss: 1 },
  });
});
afterEach(() => cleanup());

test('each item of a foreach stage declares its own metrics file', () => {
  const r = pipe(dir, 'metrics', 'show', '--json');
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({ 'm/train-1.json': { accuracy: 0.5 }, 'm/train-2.json': { accuracy: 0.25 }, 's/fit-small.json': { loss: 1 } });
  expect(r.stderr).toBe('');
});
