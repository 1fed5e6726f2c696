// `pipe update --force` over a workspace copy holding changes the cache does not hold keeps them
// in .pipe/kept/<time>-<its .pipe file>/ first, as `pipe checkout --force` does, and a warning
// naming the .pipe file says where and how to copy them back: of a file the file is moved, of a
// folder the files the cache does not hold are copied. Without --force the target is refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig, type Rig } from '../rig.js';

function keptFolder(rig: Rig, file: string): string {
  const found = fs.readdirSync(path.join(rig.dir, '.pipe/kept'));
  expect(found).toHaveLength(1);
  expect(found[0]).toMatch(new RegExp(`^\\d{8}-\\d{6}-${file.replace(/\./g, '\\.')}$`));
  return found[0] ?? '';
}

test('update --force of an edited imported file moves the edit to .pipe/kept/ before fetching the new version', async () => {
  const srcDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipe-src-'));
  const src = path.join(srcDir, 'labels.csv');
  fs.writeFileSync(src, 'v1\n');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  expect((await rig.run('import-url', src, 'labels.csv')).code).toBe(0);
  rig.write({ 'labels.csv': 'my edit\n' });
  fs.writeFileSync(src, 'version 2\n');

  const refused = await rig.run('update', 'labels.csv');
  expect([refused.code, refused.stdout, refused.stderr]).toEqual([1, '', `labels.csv: has changes the cache does not hold, left as it is: \`pipe update --force labels.csv\` overwrites them with ${src}'s new version, keeping them in .pipe/kept/ first\n`]);
  expect([rig.read('labels.csv'), fs.existsSync(path.join(rig.dir, '.pipe/kept'))]).toEqual(['my edit\n', false]);

  const forced = await rig.run('update', '--force', 'labels.csv');
  const folder = keptFolder(rig, 'labels.csv.pipe');
  expect([forced.code, forced.stdout, forced.stderr]).toEqual([
    0,
    expect.stringMatching(/^updated labels\.csv from .* \(last modified .*, size 3 → 10 bytes; now 10 B\): commit labels\.csv\.pipe\n$/),
    `warning: labels.csv.pipe: 'labels.csv' held 1 file the cache does not hold (labels.csv): moved to .pipe/kept/${folder}/labels.csv before fetching ${src}'s new version over it; copy back what you need (\`cp .pipe/kept/${folder}/labels.csv labels.csv\`), then delete .pipe/kept/${folder}\n`,
  ]);
  expect([rig.read('labels.csv'), rig.read(`.pipe/kept/${folder}/labels.csv`)]).toEqual(['version 2\n', 'my edit\n']);
  expect((await rig.run('status')).code).toBe(0);
  fs.rmSync(srcDir, { recursive: true, force: true });
});

test('update --force of an edited imported folder copies the files the cache does not hold to .pipe/kept/', async () => {
  const srcDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipe-src-'));
  fs.mkdirSync(path.join(srcDir, 'imgs'));
  fs.writeFileSync(path.join(srcDir, 'imgs/a.txt'), 'a\n');
  fs.writeFileSync(path.join(srcDir, 'imgs/b.txt'), 'b\n');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  expect((await rig.run('import-url', path.join(srcDir, 'imgs'), 'imgs')).code).toBe(0);
  rig.write({ 'imgs/a.txt': 'a edited\n', 'imgs/notes.txt': 'mine\n' });
  fs.writeFileSync(path.join(srcDir, 'imgs/b.txt'), 'b2\n');

  const forced = await rig.run('update', '-f', 'imgs');
  const folder = keptFolder(rig, 'imgs.pipe');
  expect([forced.code, forced.stderr]).toEqual([
    0,
    `warning: imgs.pipe: 'imgs' held 2 files the cache does not hold (imgs/a.txt, imgs/notes.txt): copied to .pipe/kept/${folder}/imgs before fetching ${path.join(srcDir, 'imgs')}'s new version over them; copy back what you need (\`cp .pipe/kept/${folder}/imgs/a.txt imgs/a.txt\`), then delete .pipe/kept/${folder}\n`,
  ]);
  expect(fs.readdirSync(path.join(rig.dir, 'imgs')).sort()).toEqual(['a.txt', 'b.txt']);
  expect([rig.read('imgs/a.txt'), rig.read('imgs/b.txt')]).toEqual(['a\n', 'b2\n']);
  expect(fs.readdirSync(path.join(rig.dir, '.pipe/kept', folder, 'imgs')).sort()).toEqual(['a.txt', 'notes.txt']);
  expect([rig.read(`.pipe/kept/${folder}/imgs/a.txt`), rig.read(`.pipe/kept/${folder}/imgs/notes.txt`)]).toEqual(['a edited\n', 'mine\n']);
  fs.rmSync(srcDir, { recursive: true, force: true });
});
