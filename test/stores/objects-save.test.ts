import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Hasher, ObjectCache, StatCache } from '../../src/stores/index.js';
import { read, sha256, tempProject, write } from './helpers.js';

function setup(files: Record<string, string>): { root: string; objects: ObjectCache; hasher: Hasher } {
  const root = tempProject(files);
  return { root, objects: new ObjectCache(root), hasher: new Hasher(root, { statCache: StatCache.inMemory() }) };
}

describe('object cache: saving', () => {
  it('stores a file as a plain object named by its hash, holding the exact bytes', async () => {
    const { root, objects, hasher } = setup({ 'out.txt': 'result\n' });
    const info = await objects.save('out.txt', hasher);
    const h = sha256('result\n');
    expect(info).toEqual({ hash: h, size: 7, nfiles: 1 });
    expect(fs.readFileSync(path.join(root, 'cache/objects', h.slice(0, 2), h.slice(2)), 'utf8')).toBe('result\n');
    expect(objects.has(h)).toBe(true);
    expect(objects.listHashes()).toEqual([h]);
  });
  it('stores a directory as a .dir manifest plus one object per file', async () => {
    const { objects, hasher } = setup({ 'd/a.txt': 'A', 'd/s/b.txt': 'B' });
    const info = (await objects.save('d', hasher))!;
    expect(info.hash.endsWith('.dir')).toBe(true);
    expect(objects.readManifest(info.hash)).toEqual([
      { relpath: 'a.txt', hash: sha256('A') },
      { relpath: 's/b.txt', hash: sha256('B') },
    ]);
    expect(objects.listHashes().sort()).toEqual([info.hash, sha256('A'), sha256('B')].sort());
    expect(objects.hasAll(info.hash)).toBe(true);
    expect(objects.expand(info.hash).sort()).toEqual([info.hash, sha256('A'), sha256('B')].sort());
  });
  it('stores what was really copied, under its real hash, and says so', async () => {
    const root = tempProject({ 'out.txt': 'aaaa', 'd/x.txt': 'xxxx' });
    const hasher = new Hasher(root, { statCache: StatCache.inMemory() });
    const objects = new ObjectCache(root);
    const t0 = new Date('2026-01-01T00:00:00Z');
    for (const f of ['out.txt', 'd/x.txt']) fs.utimesSync(path.join(root, f), t0, t0);
    await hasher.hashPath('out.txt');
    await hasher.hashPath('d');
    // Same size, inode and mtime: the stat cache still believes the old content.
    for (const f of ['out.txt', 'd/x.txt']) {
      fs.writeFileSync(path.join(root, f), 'bbbb');
      fs.utimesSync(path.join(root, f), t0, t0);
    }
    expect(await objects.save('out.txt', hasher)).toEqual({ hash: sha256('bbbb'), size: 4, nfiles: 1 });
    const dir = (await objects.save('d', hasher))!;
    expect(objects.readManifest(dir.hash)).toEqual([{ relpath: 'x.txt', hash: sha256('bbbb') }]);
    expect(dir).toEqual({ hash: dir.hash, size: 4, nfiles: 1 });
    expect((await objects.verify(dir.hash)).status).toBe('ok');
    expect(objects.has(sha256('aaaa'))).toBe(false);
  });
});
