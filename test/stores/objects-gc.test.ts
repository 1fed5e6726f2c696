import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Hasher, ObjectCache, StatCache } from '../../src/stores/index.js';
import { read, sha256, tempProject, write } from './helpers.js';

function setup(files: Record<string, string>): { root: string; objects: ObjectCache; hasher: Hasher } {
  const root = tempProject(files);
  return { root, objects: new ObjectCache(root), hasher: new Hasher(root, { statCache: StatCache.inMemory() }) };
}

describe('object cache: gc', () => {
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
