// Several `pipe exp run --queue -n NAME` at the same moment: one takes the name, the others are
// refused (the name is claimed with O_EXCL from the check until the entry is written).
import { afterEach, beforeEach, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { PIPE_BIN, queueProject, pipe, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  let base: string;
  ({ dir: base, cleanup } = tempDir());
  dir = queueProject(base, "require('fs').mkdirSync('metrics', { recursive: true }); require('fs').writeFileSync('metrics/train.json', '{}');\n");
});
afterEach(() => cleanup());

const run = (lr: string) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [PIPE_BIN, 'exp', 'run', '--queue', '-n', 'dup', '-S', `train.lr=${lr}`], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });

test('four at once: one queued under the name, three refused', async () => {
  const results = await Promise.all(['0.1', '0.2', '0.3', '0.4'].map(run));
  expect(results.filter((r) => r.code === 0)).toHaveLength(1);
  for (const r of results.filter((x) => x.code !== 0)) {
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: experiment name 'dup' is (already used by queued experiment \d{8}-\d{6}-[0-9a-f]{4}|being given to another experiment at this moment)\nhint: choose another name with -n\n$/);
  }
  expect(pipe(dir, 'exp', 'queue').stdout.match(/^dup +queued /gm)).toHaveLength(1);
});
