// `pipe update` writes the new version into the .pipe file and keeps the `push: false` / `remote:`
// written on its entry (the user's transfer settings, not the source's).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { makeRig } from '../rig.js';

test('update keeps push: false and remote: on the .pipe entry', async () => {
  const srcDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipe-src-'));
  onTestFinished(() => fs.rmSync(srcDir, { recursive: true, force: true }));
  const src = path.join(srcDir, 'labels.csv');
  fs.writeFileSync(src, 'id,label\n1,cat\n');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  expect((await rig.run('import-url', src, 'labels.csv')).code).toBe(0);
  rig.write({ 'labels.csv.pipe': rig.read('labels.csv.pipe').replace(/nfiles: 1\n/, 'nfiles: 1\n    remote: backup\n    push: false\n') });
  fs.writeFileSync(src, 'id,label\n1,dog\n2,cat\n');
  const r = await rig.run('update', 'labels.csv');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.read('labels.csv')).toBe('id,label\n1,dog\n2,cat\n');
  expect(rig.read('labels.csv.pipe')).toMatch(/size: 21\n {4}nfiles: 1\n {4}remote: backup\n {4}push: false\n$/);
});
