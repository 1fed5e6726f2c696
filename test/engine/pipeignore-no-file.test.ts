// Without a .pipeignore, or with one holding only comments and blank lines, folder hashes and the
// stat cache are exactly what they were before .pipeignore existed: every committed
// pipeline.lock stays valid. The expected hash is computed by hand below (sha256 of the manifest,
// then `.dir`), and was also what pipe gave on this folder before .pipeignore was added.
import { createHash } from 'node:crypto';
import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig, type Rig } from '../rig.js';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const MANIFEST = JSON.stringify([
  { hash: sha256('a\n'), relpath: 'a.txt' },
  { hash: sha256('junk\n'), relpath: 'junk.tmp' },
  { hash: sha256('b\n'), relpath: 'sub/b.txt' },
]);
const DIR_HASH = '73be422eda4e7c17888eb6afb76403106f61f4a7b0956f5c99222c3012892ded.dir';

const pipeline = `stages:
  list:
    cmd: ${JSON.stringify(counted('list', 'echo ran > out.txt'))}
    deps: [data]
    outs: [out.txt]
`;

function treeCache(rig: Rig): string {
  return readFileSync(join(rig.dir, '.pipe/tree-cache.json'), 'utf8');
}

test('no .pipeignore: the folder hash and the stat cache of before', async () => {
  expect(`${sha256(MANIFEST)}.dir`).toBe(DIR_HASH);
  const files = { 'data/a.txt': 'a\n', 'data/junk.tmp': 'junk\n', 'data/sub/b.txt': 'b\n' };
  const rig = makeRig({ 'pipeline.yaml': pipeline, ...files });
  const past = new Date('2026-01-01T00:00:00Z');
  for (const p of Object.keys(files)) utimesSync(join(rig.dir, p), past, past);
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('pipeline.lock')).toContain(`      - path: data\n        hash: ${DIR_HASH}\n        size: 9\n        nfiles: 3\n`);
  const before = treeCache(rig);
  expect(before).toContain(`"hash":"${DIR_HASH}"`);

  // comments and blank lines only: no rules, the same signature (nothing re-hashed or rewritten)
  rig.write({ '.pipeignore': '# nothing ignored yet\n\n   \n#*.tmp\n' });
  const r = await rig.run('status');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'Everything is up to date.\n', '']);
  expect(treeCache(rig)).toBe(before);
});
