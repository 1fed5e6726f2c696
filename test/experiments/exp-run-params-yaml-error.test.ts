// `pipe exp run -S` on a params.yaml that does not parse: the position once, in front, without
// the YAML library's own `at line 1, column 4:` tail (it ended in a colon and nothing).
import { afterEach, beforeEach, expect, test } from 'vitest';
import { pipe, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

test('exp run -S x=2 with a broken params.yaml', () => {
  writeFiles(dir, { 'params.yaml': 'x: 1\n  y: [2\n', 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo ${x} > a.txt\n    outs: [a.txt]\n' });
  const r = pipe(dir, 'exp', 'run', '-S', 'x=2');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'error: params.yaml:1:4: YAML syntax error: Nested mappings are not allowed in compact mappings\n']);
});
