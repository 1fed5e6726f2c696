// `pipe update -f` copies the source again even when nothing says it changed, and says so.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('update -f fetches an unchanged source again', async () => {
  const srcDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipe-src-'));
  const src = path.join(srcDir, 'a.txt');
  fs.writeFileSync(src, 'a\n');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  expect((await rig.run('import-url', src, 'a.txt')).code).toBe(0);
  const inode = fs.statSync(path.join(rig.dir, 'a.txt')).ino;
  expect((await rig.run('update', 'a.txt')).stdout).toBe(`a.txt: up to date with ${src}\n`);
  expect(fs.statSync(path.join(rig.dir, 'a.txt')).ino).toBe(inode);
  const dry = await rig.run('update', '--dry', '-f', 'a.txt');
  expect([dry.code, dry.stdout]).toEqual([0, `a.txt: ${src} is unchanged: \`pipe update --force a.txt\` fetches it again all the same\n`]);
  const r = await rig.run('update', '-f', 'a.txt');
  expect([r.code, r.stderr, r.stdout]).toEqual([0, '', `a.txt: fetched it again from ${src} (--force); its content did not change\n`]);
  // a new copy took the old one's place
  expect(fs.statSync(path.join(rig.dir, 'a.txt')).ino).not.toBe(inode);
  expect(rig.read('a.txt')).toBe('a\n');
  fs.rmSync(srcDir, { recursive: true, force: true });
});
