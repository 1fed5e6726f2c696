// The scan worker rebuilds the .pipeignore filter from the text it is sent and lists exactly what
// the main thread lists under it, ignored directories left out (ignored files are listed: the
// hasher leaves them out after its signature check): checked on both compiled workers (tsc's, and the bundle's,
// which loads the `ignore` package from dist/bundle/ignore.cjs), with the listing taken from the
// worker's own reply (workerReplies), not from the main thread's fallback walk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { folderFilter, loadIgnoreRules } from '../../src/stores/pipeignore.js';
import { ScanPool } from '../../src/stores/scan-pool.js';
import { rootTask, scanSubtree, type ScanFilter, type ScannedDir } from '../../src/stores/scan-tree.js';

// built by `npm run build`, which `npm test` runs first
const WORKERS = ['../../dist/stores/scan-worker.js', '../../dist/bundle/scan-worker.js'].map((p) => fileURLToPath(new URL(p, import.meta.url)));

let project: string;
let root: string;

beforeAll(() => {
  for (const w of WORKERS) expect(fs.existsSync(w), `${w} is missing: run \`npm run build\` first`).toBe(true);
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'pipe-scan-ignore-'));
  root = path.join(project, 'data');
  for (const a of ['train', 'test', 'extra']) {
    for (let c = 0; c < 4; c++) {
      const leaf = path.join(root, a, `class${c}`);
      fs.mkdirSync(path.join(leaf, '__pycache__'), { recursive: true });
      for (let f = 0; f < 3; f++) fs.writeFileSync(path.join(leaf, `img${f}.png`), `${a}/${c}/${f}`);
      fs.writeFileSync(path.join(leaf, 'scratch.tmp'), 'x');
      fs.writeFileSync(path.join(leaf, 'keep.tmp'), 'kept');
      fs.writeFileSync(path.join(leaf, '__pycache__', 'm.pyc'), 'x');
    }
  }
});

afterAll(() => {
  fs.rmSync(project, { recursive: true, force: true });
});

function alone(filter: ScanFilter): ScannedDir[] {
  const out: ScannedDir[] = [];
  scanSubtree(rootTask(root), out, undefined, filter);
  return out;
}

function names(dirs: ScannedDir[]): string[] {
  return dirs.flatMap((d) => d.names.map((n) => (d.rel === '' ? n : `${d.rel}/${n}`))).sort();
}

function listing(dirs: ScannedDir[]): unknown[] {
  return dirs.map((d) => ({ rel: d.rel, names: d.names, nums: Array.from(d.nums) }));
}

function filterFor(text: string) {
  fs.writeFileSync(path.join(project, '.pipeignore'), text);
  const filter = folderFilter(loadIgnoreRules(project), 'data');
  expect(filter).toBeDefined();
  return filter!;
}

it.each(WORKERS)('the worker %s applies the same patterns as the main thread', (script) => {
  const pool = new ScanPool(script, { mainThreadClaims: false });
  const first = filterFor('*.tmp\n__pycache__/\n/data/extra/\n');
  const expected = alone(first);
  const listed = names(expected);
  // train and test: 3 images, scratch.tmp and keep.tmp per class; nothing below an ignored folder
  expect(listed).toHaveLength(2 * 4 * 5);
  expect(listed.filter((n) => n.includes('pycache') || n.startsWith('extra/'))).toEqual([]);
  expect(listing(pool.scan(root, first))).toEqual(listing(expected));
  expect(pool.workerReplies).toBe(1);

  // other rules on the same worker: it builds the filter for the new text
  const second = filterFor('class1/\n!/data/train/class1/\n');
  const expected2 = alone(second);
  const listed2 = names(expected2);
  expect(listed2).toHaveLength((3 * 3 + 1) * 6); // every class but test/class1 and extra/class1
  expect(listed2.filter((n) => n.includes('class1/')).every((n) => n.startsWith('train/'))).toBe(true);
  expect(listing(pool.scan(root, second))).toEqual(listing(expected2));
  expect(pool.workerReplies).toBe(2);
});
