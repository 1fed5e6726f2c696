import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Hasher, ObjectCache, StatCache } from '../../src/stores/index.js';
import { read, sha256, tempProject, write } from './helpers.js';

function setup(files: Record<string, string>): { root: string; objects: ObjectCache; hasher: Hasher } {
  const root = tempProject(files);
  return { root, objects: new ObjectCache(root), hasher: new Hasher(root, { statCache: StatCache.inMemory() }) };
}

describe('object cache: restoring', () => {
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
  it('sweeps the temp copy a dead process left beside the target, and keeps a live one', async () => {
    const root = tempProject({ 'd/a.txt': 'A' });
    const hasher = new Hasher(root, { statCache: StatCache.inMemory() });
    const objects = new ObjectCache(root);
    const { hash } = (await objects.save('d', hasher))!;
    const { spawnSync } = await import('node:child_process');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    write(root, `.tmp-d-${dead}-abcd1234/a.txt`, 'half');
    write(root, `.tmp-d-${process.pid}-abcd1234/a.txt`, 'ours, in flight');
    expect((await objects.restore(hash, 'd')).status).toBe('ok');
    expect(fs.readdirSync(root).sort()).toEqual([`.tmp-d-${process.pid}-abcd1234`, 'cache', 'd']);
  });
});
