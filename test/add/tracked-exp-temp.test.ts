// `pipe exp run --temp` runs in a git worktree, which holds tracked data (`pipe add`) only as its
// .pipe file: the data is checked out there from the shared cache before the repro, so a stage
// reading it runs as it would in the workspace.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { commitAll, gitInit, pipe, tempDir, writeFiles } from '../experiments/helpers.js';

let base: string;
let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir: base, cleanup } = tempDir());
  dir = join(base, 'repo');
  mkdirSync(dir);
});
afterEach(() => cleanup());

test('a stage reading added data runs in the temp worktree', () => {
  writeFiles(dir, {
    'pipeline.yaml': 'stages:\n  count:\n    cmd: sh count.sh\n    deps: [count.sh, data/raw]\n    outs: [lines.txt]\n    metrics: [{score.json: {cache: false}}]\n',
    'count.sh': 'n=$(cat data/raw/* | wc -l)\necho $n > lines.txt\necho "{\\"lines\\": $n}" > score.json\n',
    'params.yaml': 'n: 1\n',
    'data/raw/a.txt': 'a\nb\n',
    '.gitignore': '/.pipe/\n/cache/\n',
  });
  gitInit(dir);
  expect(pipe(dir, 'add', 'data/raw').code).toBe(0);
  commitAll(dir, 'init');
  expect(readFileSync(join(dir, 'data/.gitignore'), 'utf8')).toBe('/raw\n');

  const r = pipe(dir, 'exp', 'run', '--temp');
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/\nnote: recorded in metrics\/experiments\/ as /);
  expect(r.stdout).toMatch(/^count: running \(never ran\)\ncount: ran \(\d+\.\ds\)\n1 ran\.\n$/);
  const records = readdirSync(join(dir, 'metrics/experiments')).map((f) => JSON.parse(readFileSync(join(dir, 'metrics/experiments', f), 'utf8')) as { metrics: unknown });
  expect(records.map((x) => x.metrics)).toEqual([{ 'score.json': { lines: 2 } }]);
});
