// The hasher and a folder watcher (src/stores/watch-client.ts), with a stand-in watcher: a
// folder whose token is the one received before the walk that recorded it is not walked again;
// any other token, a hard-linked file inside, or a caller that needs the manifest means a walk.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { Hasher, StatCache } from '../../src/stores/index.js';
import type { FolderWatch } from '../../src/stores/watch-client.js';
import { tempProject } from './helpers.js';

const PAST = new Date('2026-01-01T00:00:00Z');

/** A watcher whose token the test sets; it records what the hasher asked. */
function standIn(): FolderWatch & { current: string | undefined; asked: [string, number][] } {
  const w = {
    current: undefined as string | undefined,
    asked: [] as [string, number][],
    running: () => true,
    token(real: string, lastFiles: number) {
      w.asked.push([real, lastFiles]);
      return w.current;
    },
  };
  return w;
}

function project(): string {
  const root = tempProject({ 'data/a.txt': 'a', 'data/sub/b.txt': 'bb', 'data/sub/c.txt': 'ccc' });
  for (const f of ['data/a.txt', 'data/sub/b.txt', 'data/sub/c.txt']) fs.utimesSync(path.join(root, f), PAST, PAST);
  return root;
}

test('the same token skips the walk; another token walks and sees the change', () => {
  const root = project();
  const cache = StatCache.inMemory();
  const watch = standIn();
  const hasher = () => new Hasher(root, { statCache: cache, scanPool: null, watch });
  watch.current = 'd1:5';
  const first = hasher().hashPathSync('data');
  expect(first?.nfiles).toBe(3);
  expect(watch.asked).toEqual([[fs.realpathSync(path.join(root, 'data')), 0]]);

  // a change the stand-in does not report: the hasher takes the token's word and does not walk
  fs.rmSync(path.join(root, 'data/sub/c.txt'));
  expect(hasher().hashPathSync('data')).toEqual(first);
  expect(watch.asked[1]).toEqual([fs.realpathSync(path.join(root, 'data')), 3]);

  // a new token: walked, and the removed file is gone from the hash
  watch.current = 'd1:6';
  const second = hasher().hashPathSync('data');
  expect(second).toEqual({ hash: expect.stringMatching(/\.dir$/), size: 3, nfiles: 2 });
  expect(second?.hash).not.toBe(first?.hash);
  // and no token at all (no daemon): walked as well
  fs.writeFileSync(path.join(root, 'data/new.txt'), 'n');
  fs.utimesSync(path.join(root, 'data/new.txt'), PAST, PAST);
  watch.current = undefined;
  expect(hasher().hashPathSync('data')?.nfiles).toBe(3);
});

test('a folder holding a file with other hard links is always walked', () => {
  const root = project();
  const outside = tempProject();
  fs.linkSync(path.join(root, 'data/a.txt'), path.join(outside, 'a-link.txt'));
  const cache = StatCache.inMemory();
  const watch = standIn();
  watch.current = 'd1:1';
  const hasher = () => new Hasher(root, { statCache: cache, scanPool: null, watch });
  const first = hasher().hashPathSync('data');
  // edited through the link outside the folder: no event would reach a watch on the folder
  fs.writeFileSync(path.join(outside, 'a-link.txt'), 'A!');
  fs.utimesSync(path.join(outside, 'a-link.txt'), PAST, new Date('2026-01-02T00:00:00Z'));
  const second = hasher().hashPathSync('data');
  expect(second?.size).toBe(7);
  expect(second?.hash).not.toBe(first?.hash);
});

test('hashing for the cache (the manifest is needed) always walks', async () => {
  const root = project();
  const cache = StatCache.inMemory();
  const watch = standIn();
  watch.current = 'd1:1';
  const hasher = () => new Hasher(root, { statCache: cache, scanPool: null, watch });
  hasher().hashPathSync('data');
  const detailed = await hasher().hashPathDetailed('data');
  expect(detailed?.manifest?.map((e) => e.relpath)).toEqual(['a.txt', 'sub/b.txt', 'sub/c.txt']);
});
