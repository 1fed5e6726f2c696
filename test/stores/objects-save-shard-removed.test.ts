import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Hasher, ObjectCache, StatCache } from '../../src/stores/index.js';
import { sha256, tempProject } from './helpers.js';

// The object store creates each shard folder once per process (a memo), and `pipe gc` removes
// empty shards: a save after gc emptied and removed a shard the memo knows must still store the object.
describe('object cache: a shard folder removed behind the memo', () => {
  it('is created again, and the object stored complete, with no temp file left', async () => {
    const root = tempProject({ 'd/a.txt': 'A\n', 'one.txt': 'one\n' });
    const objects = new ObjectCache(root);
    const info = (await objects.save('d', new Hasher(root, { statCache: StatCache.inMemory() })))!;
    await objects.save('one.txt', new Hasher(root, { statCache: StatCache.inMemory() }));
    const h = sha256('A\n');
    const shard = path.join(root, 'cache/objects', h.slice(0, 2));
    expect(fs.existsSync(shard)).toBe(true);
    // as `pipe gc` leaves it: the shard's objects gone, then the empty shard
    const result = objects.gc(new Set([sha256('one\n')]));
    expect(result.removedObjects).toBeGreaterThanOrEqual(2);
    expect(fs.existsSync(shard)).toBe(false);

    const again = (await objects.save('d', new Hasher(root, { statCache: StatCache.inMemory() })))!;
    expect(again.hash).toBe(info.hash);
    expect(fs.readFileSync(path.join(shard, h.slice(2)), 'utf8')).toBe('A\n');
    expect(objects.hasAll(info.hash)).toBe(true);
    expect(fs.readdirSync(shard).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
    expect(objects.staleTemps()).toEqual([]);
  });
});
