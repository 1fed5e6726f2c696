import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Hasher, ObjectCache, StatCache } from '../../src/stores/index.js';
import { read, sha256, tempProject, write } from './helpers.js';

function setup(files: Record<string, string>): { root: string; objects: ObjectCache; hasher: Hasher } {
  const root = tempProject(files);
  return { root, objects: new ObjectCache(root), hasher: new Hasher(root, { statCache: StatCache.inMemory() }) };
}

describe('object cache', () => {
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

  it('restores a file as an independent copy: editing the workspace never changes the cache', async () => {
    const { root, objects, hasher } = setup({ 'out.txt': 'v1' });
    const { hash } = (await objects.save('out.txt', hasher))!;
    fs.rmSync(path.join(root, 'out.txt'));
    expect(await objects.restore(hash, 'out.txt')).toEqual({ status: 'ok', problems: [] });
    expect(read(root, 'out.txt')).toBe('v1');
    expect(fs.statSync(path.join(root, 'out.txt')).ino).not.toBe(fs.statSync(objects.pathOf(hash)).ino);
    fs.appendFileSync(path.join(root, 'out.txt'), ' edited');
    expect((await objects.verify(hash)).status).toBe('ok');
  });

  it('restores a directory by replacing the whole directory (stray files go)', async () => {
    const { root, objects, hasher } = setup({ 'd/a.txt': 'A', 'd/s/b.txt': 'B' });
    const { hash } = (await objects.save('d', hasher))!;
    write(root, 'd/stray.txt', 'junk');
    write(root, 'd/a.txt', 'edited');
    expect((await objects.restore(hash, 'd')).status).toBe('ok');
    expect(fs.readdirSync(path.join(root, 'd')).sort()).toEqual(['a.txt', 's']);
    expect(read(root, 'd/a.txt')).toBe('A');
    expect(read(root, 'd/s/b.txt')).toBe('B');
    expect(fs.readdirSync(root).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  });

  it('reports a missing object and leaves the workspace as it was', async () => {
    const { root, objects } = setup({ 'out.txt': 'mine' });
    const h = sha256('never stored');
    expect(await objects.restore(h, 'out.txt')).toEqual({ status: 'missing', problems: [{ hash: h, status: 'missing' }] });
    expect(read(root, 'out.txt')).toBe('mine');
    expect((await objects.verify(h)).status).toBe('missing');
  });

  it('detects an object whose bytes no longer match its name and never restores it as good', async () => {
    const { root, objects, hasher } = setup({ 'out.txt': 'good', 'd/a.txt': 'A', 'd/b.txt': 'B' });
    const file = (await objects.save('out.txt', hasher))!;
    const dir = (await objects.save('d', hasher))!;
    fs.writeFileSync(objects.pathOf(file.hash), 'evil');
    fs.writeFileSync(objects.pathOf(sha256('B')), 'not B');
    fs.rmSync(path.join(root, 'out.txt'));
    fs.rmSync(path.join(root, 'd'), { recursive: true });

    expect(await objects.verify(file.hash)).toEqual({ status: 'corrupt', problems: [{ hash: file.hash, status: 'corrupt' }] });
    expect(await objects.restore(file.hash, 'out.txt')).toEqual({ status: 'corrupt', problems: [{ hash: file.hash, status: 'corrupt' }] });
    expect(fs.existsSync(path.join(root, 'out.txt'))).toBe(false);

    const bad = { hash: sha256('B'), status: 'corrupt', relpath: 'b.txt' };
    expect(await objects.verify(dir.hash)).toEqual({ status: 'corrupt', problems: [bad] });
    expect(await objects.restore(dir.hash, 'd')).toEqual({ status: 'corrupt', problems: [bad] });
    expect(fs.existsSync(path.join(root, 'd'))).toBe(false);
    expect(fs.readdirSync(root).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  });

  it('treats a tampered manifest as corrupt', async () => {
    const { objects, hasher } = setup({ 'd/a.txt': 'A' });
    const dir = (await objects.save('d', hasher))!;
    fs.writeFileSync(objects.pathOf(dir.hash), `[{"hash":"${sha256('A')}","relpath":"../escape.txt"}]`);
    expect(objects.readManifest(dir.hash)).toBeUndefined();
    expect((await objects.restore(dir.hash, 'd')).status).toBe('corrupt');
    expect((await objects.verify(dir.hash)).status).toBe('corrupt');
  });

  it('gc deletes every object outside the keep set and sweeps temp leftovers', async () => {
    const { objects, hasher } = setup({ 'keep.txt': 'keep', 'd/a.txt': 'A', 'drop.txt': 'drop' });
    const keep = (await objects.save('keep.txt', hasher))!;
    const dir = (await objects.save('d', hasher))!;
    await objects.save('drop.txt', hasher);
    const shard = path.dirname(objects.pathOf(keep.hash));
    fs.writeFileSync(path.join(shard, '.tmp-partial-123'), 'half');
    const result = objects.gc(new Set([keep.hash, ...objects.expand(dir.hash)]));
    expect(result).toEqual({ removedObjects: 1, removedBytes: 4, removedTemps: 1 });
    expect(objects.listHashes().sort()).toEqual([keep.hash, dir.hash, sha256('A')].sort());
  });
});
