// A directory walk shared with the scan worker lists exactly what the main thread alone lists:
// same directories, same order, same names and stat numbers, so the tree signature and the
// directory hash do not depend on which thread scanned what.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hasher, listTree } from '../../src/stores/hash-path.js';
import { ScanPool } from '../../src/stores/scan-pool.js';
import { rootTask, scanSubtree, type ScannedDir } from '../../src/stores/scan-tree.js';
import { StatCache } from '../../src/stores/stat-cache.js';

// the compiled worker: `npm test` builds dist/ before running vitest
const WORKER = fileURLToPath(new URL('../../dist/stores/scan-worker.js', import.meta.url));

let root: string;
let project: string;

/** 3 top folders x 4 subfolders (12 subtrees to share), files at several depths, links. */
function makeTree(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'top.txt'), 'top');
  for (const a of ['train', 'test', 'extra']) {
    for (let c = 0; c < 4; c++) {
      const leaf = path.join(dir, a, `class${c}`);
      fs.mkdirSync(path.join(leaf, 'deeper'), { recursive: true });
      for (let f = 0; f < 5 + c; f++) fs.writeFileSync(path.join(leaf, `img${f}.png`), `${a}/${c}/${f}`);
      fs.writeFileSync(path.join(leaf, 'deeper', 'note.txt'), `${a}${c}`);
    }
  }
  fs.mkdirSync(path.join(dir, 'empty'));
  // older than the stat cache's racy window, so a walk's result is remembered
  const past = new Date(Date.now() - 3_600_000);
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) fs.utimesSync(path.join(e.parentPath ?? e.path, e.name), past, past);
  }
  // a link back to an ancestor (skipped) and a link to another folder (followed)
  fs.symlinkSync('..', path.join(dir, 'train', 'class0', 'loop'));
  fs.symlinkSync(path.join(dir, 'test', 'class1'), path.join(dir, 'extra', 'linked'));
}

function alone(dir: string): ScannedDir[] {
  const out: ScannedDir[] = [];
  scanSubtree(rootTask(dir), out);
  return out;
}

/** The parts that reach the signature and the manifest, as plain data. */
function listing(dirs: ScannedDir[]): unknown[] {
  return dirs.map((d) => ({ rel: d.rel, abs: d.abs, names: d.names, nums: Array.from(d.nums) }));
}

beforeAll(() => {
  expect(fs.existsSync(WORKER), `${WORKER} is missing: run \`npm run build\` first`).toBe(true);
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'pipe-scan-'));
  root = path.join(project, 'data');
  makeTree(root);
});

afterAll(() => {
  fs.rmSync(project, { recursive: true, force: true });
});

describe('scan pool: a walk shared with a worker thread', () => {
  it('the worker scanning every subtree gives exactly the single-thread listing', () => {
    const expected = listing(alone(root));
    expect(expected.length).toBe(1 + 3 + 12 * 2 + 1 + 2); // root, tops, leaves+deeper, empty, linked+deeper
    const pool = new ScanPool(WORKER, { mainThreadClaims: false });
    expect(listing(pool.scan(root))).toEqual(expected);
    // a second walk on the same worker (replies are matched to their walk)
    expect(listing(pool.scan(root))).toEqual(expected);
  });

  it('both threads claiming gives the same listing, walk after walk', () => {
    const expected = listing(alone(root));
    const pool = new ScanPool(WORKER);
    for (let i = 0; i < 5; i++) expect(listing(pool.scan(root))).toEqual(expected);
  });

  it('a worker that fails its subtrees costs nothing but time: the main thread scans them again', () => {
    // a stand-in worker that claims every subtree and reports failure
    const stub = path.join(project, 'failing-worker.mjs');
    fs.writeFileSync(
      stub,
      [
        "import { workerData } from 'node:worker_threads';",
        'workerData.port.on("message", (req) => {',
        '  const ctl = new Int32Array(req.ctl);',
        '  const claimed = [];',
        '  for (;;) { const i = Atomics.add(ctl, 0, 1); if (i >= req.tasks.length) break; claimed.push(i); }',
        '  workerData.port.postMessage({ id: req.id, ok: false, claimed, dirs: [] });',
        '  Atomics.store(ctl, 1, 1); Atomics.notify(ctl, 1);',
        '});',
      ].join('\n'),
    );
    const pool = new ScanPool(stub, { mainThreadClaims: false });
    expect(listing(pool.scan(root))).toEqual(listing(alone(root)));
  });

  it('a worker that cannot start leaves the main thread to walk alone', () => {
    const broken = path.join(project, 'broken-worker.mjs');
    fs.writeFileSync(broken, 'throw new Error("no worker today");\n');
    const pool = new ScanPool(broken);
    expect(listing(pool.scan(root))).toEqual(listing(alone(root)));
  });

  it('a directory hashes the same with and without the pool, and its tree signature is reused', async () => {
    const cache = StatCache.inMemory();
    const withPool = new Hasher(project, { statCache: cache, scanPool: new ScanPool(WORKER, { mainThreadClaims: false }) });
    const first = await withPool.hashPathDetailed('data');
    const without = await new Hasher(project, { statCache: StatCache.inMemory(), scanPool: null }).hashPathDetailed('data');
    expect(first?.info).toEqual(without?.info);
    expect(first?.manifestBytes).toBe(without?.manifestBytes);
    // the pooled walk's signature is the single-thread one, so either finds the other's record
    const signature = listTree(root, undefined).signature;
    expect(listTree(root, new ScanPool(WORKER, { mainThreadClaims: false })).signature).toBe(signature);
    expect(cache.lookupTree('data', signature)).toEqual(first?.info);
  });
});
