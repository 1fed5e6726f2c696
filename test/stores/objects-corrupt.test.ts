import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Hasher, ObjectCache, StatCache } from '../../src/stores/index.js';
import { read, sha256, tempProject, write } from './helpers.js';

function setup(files: Record<string, string>): { root: string; objects: ObjectCache; hasher: Hasher } {
  const root = tempProject(files);
  return { root, objects: new ObjectCache(root), hasher: new Hasher(root, { statCache: StatCache.inMemory() }) };
}

describe('object cache: corrupt objects', () => {
  it('detects an object whose bytes no longer match its name and never restores it as good', async () => {
    const { root, objects, hasher } = setup({ 'out.txt': 'good', 'd/a.txt': 'A', 'd/b.txt': 'B' });
    const file = (await objects.save('out.txt', hasher))!;
    const dir = (await objects.save('d', hasher))!;
    fs.writeFileSync(objects.pathOf(file.hash), 'evil');
    fs.writeFileSync(objects.pathOf(sha256('B')), 'not B');
    fs.rmSync(path.join(root, 'out.txt'));
    fs.rmSync(path.join(root, 'd'), { recursive: true });

    expect(await objects.verify(file.hash)).toEqual({ status: 'corrupt', problems: [{ hash: file.hash, status: 'corrupt' }] });
    // found corrupt: removed from the cache, so a later save stores the good bytes again
    expect(objects.has(file.hash)).toBe(false);
    fs.writeFileSync(objects.pathOf(file.hash), 'evil');
    expect(await objects.restore(file.hash, 'out.txt')).toEqual({ status: 'corrupt', problems: [{ hash: file.hash, status: 'corrupt' }] });
    expect(fs.existsSync(path.join(root, 'out.txt'))).toBe(false);
    expect(objects.has(file.hash)).toBe(false);

    const bad = { hash: sha256('B'), status: 'corrupt', relpath: 'b.txt' };
    expect(await objects.verify(dir.hash)).toEqual({ status: 'corrupt', problems: [bad] });
    expect([objects.has(sha256('B')), objects.has(sha256('A')), objects.has(dir.hash)]).toEqual([false, true, true]);
    fs.writeFileSync(objects.pathOf(sha256('B')), 'not B');
    expect(await objects.restore(dir.hash, 'd')).toEqual({ status: 'corrupt', problems: [bad] });
    expect(fs.existsSync(path.join(root, 'd'))).toBe(false);
    expect([objects.has(sha256('B')), objects.has(sha256('A'))]).toEqual([false, true]);
    expect(fs.readdirSync(root).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  });
  it('treats a tampered manifest as corrupt', async () => {
    const { objects, hasher } = setup({ 'd/a.txt': 'A' });
    const dir = (await objects.save('d', hasher))!;
    fs.writeFileSync(objects.pathOf(dir.hash), `[{"hash":"${sha256('A')}","relpath":"../escape.txt"}]`);
    expect(objects.readManifest(dir.hash)).toBeUndefined();
    expect((await objects.restore(dir.hash, 'd')).status).toBe('corrupt');
    expect(objects.has(dir.hash)).toBe(false); // removed from the cache
    fs.writeFileSync(objects.pathOf(dir.hash), `[{"hash":"${sha256('A')}","relpath":"../escape.txt"}]`);
    expect((await objects.verify(dir.hash)).status).toBe('corrupt');
    expect(objects.has(dir.hash)).toBe(false);
  });
});
