// `pipe status` stats a local import source (no reading, no network) and says when its size or
// modification time moved on since the import; `-q` exits 1 then. After `pipe update`, up to date.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('status names an import whose local source changed', async () => {
  const srcDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipe-src-'));
  const src = path.join(srcDir, 'a.txt');
  fs.writeFileSync(src, 'a\n');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  expect((await rig.run('import-url', `file://${src}`, 'a.txt')).code).toBe(0);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  fs.writeFileSync(src, 'a, then b\n');
  const r = await rig.run('status');
  expect([r.code, r.stdout]).toEqual([0, `a.txt: its source file://${src} changed since the import (size or modification time): \`pipe update a.txt\` copies its new version\n1 tracked path changed.\n`]);
  expect((await rig.run('status', '-q')).code).toBe(1);
  expect((await rig.run('update', 'a.txt')).code).toBe(0);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  fs.rmSync(srcDir, { recursive: true, force: true });
});
