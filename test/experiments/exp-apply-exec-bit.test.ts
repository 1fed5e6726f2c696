// `pipe exp apply` puts an experiment's executable outputs back executable (a file, and a file in
// a folder output), as every restore does: the bit is in the record's pipeline.lock and the
// folder's manifest.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipe, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

const PROJECT = {
  'pipeline.yaml': `stages:
  build:
    cmd: "printf '#!/bin/sh\\\\necho \${tool.greeting}\\\\n' > tool.sh; chmod +x tool.sh; mkdir -p bin; cp tool.sh bin/tool; echo data > bin/plain"
    params: [tool.greeting]
    outs: [tool.sh, bin]
`,
  'params.yaml': 'tool:\n  greeting: hello\n',
};

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, PROJECT);
  expect(pipe(dir, 'exp', 'run', '-S', 'tool.greeting=hi', '-n', 'hi').code).toBe(0);
  expect(pipe(dir, 'exp', 'run', '-S', 'tool.greeting=yo', '-n', 'yo').code).toBe(0);
});
afterEach(() => cleanup());

const isExec = (p: string): boolean => (statSync(join(dir, p)).mode & 0o100) !== 0;

test('apply restores executable outputs executable', () => {
  expect(readFileSync(join(dir, 'tool.sh'), 'utf8')).toBe('#!/bin/sh\necho yo\n');
  const r = pipe(dir, 'exp', 'apply', 'hi');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toContain('restored the outputs of hi\n');
  expect(readFileSync(join(dir, 'tool.sh'), 'utf8')).toBe('#!/bin/sh\necho hi\n');
  expect([isExec('tool.sh'), isExec('bin/tool'), isExec('bin/plain')]).toEqual([true, true, false]);
  expect(pipe(dir, 'status').stdout).toBe('Everything is up to date.\n');
});
