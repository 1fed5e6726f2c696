// `pipe metrics show` with one metrics file that does not parse: the others are still shown, the
// broken one is named with its line and column, and the exit code is 1.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { pipe, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

test('a broken metrics file does not hide the others', () => {
  writeFiles(dir, {
    'pipeline.yaml': 'stages:\n  a:\n    cmd: x\n    metrics: [a.json, b.json, c.json]\n',
    'a.json': '{"acc": 0.5, "loss": 1.23456789}',
    'b.json': '{bad',
  });
  const r = pipe(dir, 'metrics', 'show');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    1,
    'Path    Metric  Value\na.json  acc     0.5\na.json  loss    1.23457\n',
    'note: c.json: missing (run `pipe repro` to produce it)\nerror: b.json:1:2: not valid JSON: expected a property name in double quotes, found \'b\'\nhint: fix the file or rerun the stage that writes it\n',
  ]);
});
