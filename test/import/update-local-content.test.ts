// `pipe update` judges a local source by its content, not its stat: a file copied over it with
// `cp -p` (same size, old modification time kept) is found and copied in; a source only touched
// (new time, same content) is no new data, and its .pipe file records the new time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('a same-size change with the old mtime put back is found; a touch is not new data', async () => {
  const srcDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipe-src-'));
  const src = path.join(srcDir, 'labels.csv');
  const old = new Date('2026-01-01T00:00:00Z');
  fs.writeFileSync(src, 'id,label\n1,cat\n');
  fs.utimesSync(src, old, old);
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  expect((await rig.run('import-url', src, 'labels.csv')).code).toBe(0);
  const first = rig.read('labels.csv.pipe');

  fs.writeFileSync(src, 'id,label\n1,dog\n');
  fs.utimesSync(src, old, old);
  const dry = await rig.run('update', '--dry', 'labels.csv');
  expect([dry.code, dry.stdout]).toEqual([0, `labels.csv: ${src}'s content changed: \`pipe update labels.csv\` copies it\n`]);
  expect(rig.read('labels.csv')).toBe('id,label\n1,cat\n');
  const r = await rig.run('update', 'labels.csv');
  expect([r.code, r.stderr, r.stdout]).toEqual([0, '', `updated labels.csv from ${src} (new content; now 15 B): commit labels.csv.pipe\n`]);
  expect(rig.read('labels.csv')).toBe('id,label\n1,dog\n');
  expect(rig.read('labels.csv.pipe')).not.toBe(first);
  expect((await rig.run('update', 'labels.csv')).stdout).toBe(`labels.csv: up to date with ${src}\n`);

  const later = new Date('2026-02-01T00:00:00Z');
  fs.utimesSync(src, later, later);
  const touched = await rig.run('update', 'labels.csv');
  expect([touched.code, touched.stdout]).toEqual([0, `labels.csv: ${src} changed (last modified 2026-01-01T00:00:00.000Z → 2026-02-01T00:00:00.000Z) but its content did not; labels.csv.pipe records the new version: commit it\n`]);
  expect(rig.read('labels.csv.pipe')).toContain('last_modified: 2026-02-01T00:00:00.000Z');
  expect((await rig.run('update', 'labels.csv')).stdout).toBe(`labels.csv: up to date with ${src}\n`);
  fs.rmSync(srcDir, { recursive: true, force: true });
});
