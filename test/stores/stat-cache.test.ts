import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Hasher } from '../../src/stores/index.js';
import { sha256, tempProject } from './helpers.js';

const T0 = new Date('2026-01-01T00:00:00Z');
const T1 = new Date('2026-01-02T00:00:00Z');

/** Rewrites a file in place (same inode, same size) and puts its mtime back. */
function sneakyRewrite(file: string, text: string, mtime: Date): void {
  fs.writeFileSync(file, text);
  fs.utimesSync(file, mtime, mtime);
}

describe('stat cache', () => {
  it('does not re-read a file whose (size, mtime, inode) is unchanged, across processes (save + load)', async () => {
    const root = tempProject({ 'd/a.txt': 'aaaa', 'f.txt': 'ffff' });
    fs.utimesSync(path.join(root, 'd/a.txt'), T0, T0);
    fs.utimesSync(path.join(root, 'f.txt'), T0, T0);
    const first = new Hasher(root);
    expect((await first.hashPath('f.txt'))!.hash).toBe(sha256('ffff'));
    const dirHash = (await first.hashPath('d'))!.hash;
    first.save();
    expect(fs.existsSync(path.join(root, '.pipe/stat-cache.json'))).toBe(true);

    // Same size, same inode, mtime put back: only a re-read could notice. The cache answers.
    sneakyRewrite(path.join(root, 'f.txt'), 'gggg', T0);
    sneakyRewrite(path.join(root, 'd/a.txt'), 'bbbb', T0);
    const second = new Hasher(root);
    expect((await second.hashPath('f.txt'))!.hash).toBe(sha256('ffff'));
    expect((await second.hashPath('d'))!.hash).toBe(dirHash);
  });

  it('re-reads on an mtime change: an mtime-only change keeps the hash, a content change shows', async () => {
    const root = tempProject({ 'f.txt': 'ffff', 'd/a.txt': 'aaaa' });
    const h = new Hasher(root);
    const before = await h.hashPath('f.txt');
    const dirBefore = await h.hashPath('d');
    fs.utimesSync(path.join(root, 'f.txt'), T1, T1); // touch only
    fs.utimesSync(path.join(root, 'd/a.txt'), T1, T1);
    expect(await h.hashPath('f.txt')).toEqual(before);
    expect(await h.hashPath('d')).toEqual(dirBefore);
    sneakyRewrite(path.join(root, 'f.txt'), 'gggg', T0); // content change, with a new mtime
    expect((await h.hashPath('f.txt'))!.hash).toBe(sha256('gggg'));
  });

  it('writes the cache only when something changed, and survives a corrupt cache file', async () => {
    const root = tempProject({ 'f.txt': 'x' });
    fs.utimesSync(path.join(root, 'f.txt'), T0, T0); // older than the racy window, so it is cached
    const h = new Hasher(root);
    await h.hashPath('f.txt');
    h.save();
    const file = path.join(root, '.pipe/stat-cache.json');
    const mtime = fs.statSync(file).mtimeMs;
    const again = new Hasher(root);
    await again.hashPath('f.txt');
    again.save();
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(path.join(root, '.pipe')).sort()).toEqual(['stat-cache.json']);

    fs.writeFileSync(file, '{not json');
    fs.writeFileSync(path.join(root, '.pipe/tree-cache.json'), '[]');
    const fresh = new Hasher(root);
    expect((await fresh.hashPath('f.txt'))!.hash).toBe(sha256('x'));
  });
});

describe('stat cache: the size of the largest folder (whether to start the scan worker)', () => {
  it('is 0 before any folder was hashed, then the most files any saved folder had', async () => {
    const root = tempProject({ 'small/a.txt': 'a', 'big/1': '1', 'big/2': '2', 'big/sub/3': '3' });
    for (const f of ['small/a.txt', 'big/1', 'big/2', 'big/sub/3']) fs.utimesSync(path.join(root, f), T0, T0);
    const first = new Hasher(root, { scanPool: null });
    expect(first.statCache.largestTree()).toBe(0);
    await first.hashPath('small');
    await first.hashPath('big');
    first.save();
    expect(new Hasher(root, { scanPool: null }).statCache.largestTree()).toBe(3);
  });
});

describe('stat cache: files modified just now ("racy clean")', () => {
  it('does not remember the hash of a file written within the racy window, so a same-size rewrite with the same mtime is still seen', async () => {
    const root = tempProject({ 'f.txt': 'aaaa', 'd/x.txt': 'xxxx' });
    const now = new Date();
    const h = new Hasher(root);
    expect((await h.hashPath('f.txt'))!.hash).toBe(sha256('aaaa'));
    const dirBefore = (await h.hashPath('d'))!.hash;
    h.save();
    for (const f of ['f.txt', 'd/x.txt']) {
      fs.writeFileSync(path.join(root, f), 'bbbb');
      fs.utimesSync(path.join(root, f), now, now);
    }
    const again = new Hasher(root);
    expect((await again.hashPath('f.txt'))!.hash).toBe(sha256('bbbb'));
    expect((await again.hashPath('d'))!.hash).not.toBe(dirBefore);
  });
});
