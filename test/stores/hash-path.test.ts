import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Hasher, StatCache, hashPath } from '../../src/stores/index.js';
import { sha256, tempProject, write } from './helpers.js';

describe('hashing workspace paths', () => {
  it('hashes a file to its sha256, size and nfiles 1', async () => {
    const root = tempProject({ 'a.txt': 'hello\n' });
    expect(await hashPath(root, 'a.txt')).toEqual({ hash: sha256('hello\n'), size: 6, nfiles: 1 });
  });

  it('hashes a directory as its sorted manifest plus .dir, summing sizes and counting files', async () => {
    const root = tempProject({ 'd/b.txt': 'bb', 'd/a.txt': 'a', 'd/sub/c.txt': 'ccc' });
    const manifest =
      `[{"hash":"${sha256('a')}","relpath":"a.txt"},{"hash":"${sha256('bb')}","relpath":"b.txt"},` +
      `{"hash":"${sha256('ccc')}","relpath":"sub/c.txt"}]`;
    expect(await hashPath(root, 'd')).toEqual({ hash: `${sha256(manifest)}.dir`, size: 6, nfiles: 3 });
    expect(await hashPath(root, './d/')).toEqual(await hashPath(root, 'd'));
  });

  it('returns undefined for a missing path', async () => {
    const root = tempProject();
    expect(await hashPath(root, 'nope')).toBeUndefined();
    expect(await hashPath(root, 'nope/deeper')).toBeUndefined();
  });

  it('follows a symlinked directory (a dep may link to shared data)', async () => {
    const root = tempProject({ 'real/x.txt': 'x' });
    fs.symlinkSync(path.join(root, 'real'), path.join(root, 'link'));
    expect(await hashPath(root, 'link')).toEqual(await hashPath(root, 'real'));
  });

  it('skips a symlink that loops back to an ancestor instead of recursing forever', async () => {
    const root = tempProject({ 'd/a.txt': 'a', 'd/sub/b.txt': 'b' });
    const before = await hashPath(root, 'd');
    fs.symlinkSync('..', path.join(root, 'd/sub/up'));
    expect(await hashPath(root, 'd')).toEqual(before);
  });

  it('changes a directory hash when a file is added, removed, renamed or edited', async () => {
    const root = tempProject({ 'd/a.txt': 'a' });
    const h = new Hasher(root, { statCache: StatCache.inMemory() });
    const seen = new Set<string>();
    const snap = async (): Promise<void> => void seen.add((await h.hashPath('d'))!.hash);
    await snap();
    write(root, 'd/b.txt', 'b');
    await snap();
    fs.renameSync(path.join(root, 'd/b.txt'), path.join(root, 'd/c.txt'));
    await snap();
    write(root, 'd/c.txt', 'C');
    await snap();
    fs.rmSync(path.join(root, 'd/c.txt'));
    await snap();
    // five states, the first and last equal
    expect(seen.size).toBe(4);
  });

  it('hashes a file larger than the small-file buffer by chunks, to the same digest', async () => {
    const root = tempProject();
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    fs.writeFileSync(path.join(root, 'big.bin'), big);
    const { createHash } = await import('node:crypto');
    expect(await hashPath(root, 'big.bin')).toEqual({ hash: createHash('sha256').update(big).digest('hex'), size: big.length, nfiles: 1 });
  });
});
