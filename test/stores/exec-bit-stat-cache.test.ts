// A chmod changes no size, mtime or inode, yet it changes a folder's manifest (and a file's
// isexec): the stat cache must not answer with what it recorded before, across processes, on the
// main thread's walk and on the scan worker's.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { Hasher } from '../../src/stores/index.js';
import { ScanPool } from '../../src/stores/scan-pool.js';
import { sha256, tempProject } from './helpers.js';

const WORKER = fileURLToPath(new URL('../../dist/stores/scan-worker.js', import.meta.url));
const T0 = new Date('2026-01-01T00:00:00Z');

function project(): string {
  const root = tempProject({ 'd/a.sh': 'aaaa', 'd/sub/b.txt': 'bb', 'f.sh': 'ffff' });
  for (const f of ['d/a.sh', 'd/sub/b.txt', 'f.sh']) fs.utimesSync(path.join(root, f), T0, T0);
  return root;
}

const plain = `[{"hash":"${sha256('aaaa')}","relpath":"a.sh"},{"hash":"${sha256('bb')}","relpath":"sub/b.txt"}]`;
const exec = `[{"hash":"${sha256('aaaa')}","isexec":true,"relpath":"a.sh"},{"hash":"${sha256('bb')}","relpath":"sub/b.txt"}]`;

it('a chmod alone is seen through the stat cache, for a file and inside a folder', async () => {
  const root = project();
  const first = new Hasher(root, { scanPool: null });
  expect(await first.hashPath('d')).toEqual({ hash: `${sha256(plain)}.dir`, size: 6, nfiles: 2 });
  expect(await first.hashPath('f.sh')).toEqual({ hash: sha256('ffff'), size: 4, nfiles: 1 });
  first.save();

  fs.chmodSync(path.join(root, 'd/a.sh'), 0o755);
  fs.chmodSync(path.join(root, 'f.sh'), 0o755);
  const second = new Hasher(root, { scanPool: null });
  expect(await second.hashPath('d')).toEqual({ hash: `${sha256(exec)}.dir`, size: 6, nfiles: 2 });
  expect(await second.hashPath('f.sh')).toEqual({ hash: sha256('ffff'), size: 4, nfiles: 1, isexec: true });
  second.save();

  fs.chmodSync(path.join(root, 'd/a.sh'), 0o644);
  const third = new Hasher(root, { scanPool: null });
  expect(await third.hashPath('d')).toEqual({ hash: `${sha256(plain)}.dir`, size: 6, nfiles: 2 });
});

it('the scan worker reports executable files as the main thread does', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 10; i++) {
    files[`w/s${i}/run`] = `run ${i}`;
    files[`w/s${i}/data`] = `data ${i}`;
  }
  const root = tempProject(files);
  for (let i = 0; i < 10; i += 3) fs.chmodSync(path.join(root, `w/s${i}/run`), 0o755);
  const pool = new ScanPool(WORKER, { mainThreadClaims: false });
  const shared = await new Hasher(root, { scanPool: pool }).hashPathDetailed('w');
  const alone = await new Hasher(root, { scanPool: null }).hashPathDetailed('w');
  expect(pool.workerReplies).toBe(1);
  expect(shared?.manifest?.filter((e) => e.isexec === true).map((e) => e.relpath)).toEqual(['s0/run', 's3/run', 's6/run', 's9/run']);
  expect(shared).toEqual(alone);
});
