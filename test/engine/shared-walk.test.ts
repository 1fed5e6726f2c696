// A dep folder walked by the scan worker (PIPE_SCAN_WORKER=worker: the bundled worker lists
// every shared subtree, through the real CLI) gives the same decisions as a walk on the main
// thread alone: what one mode recorded, the other finds up to date, and an edited file deep in
// the tree is seen by both.
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const PAST = new Date('2026-01-01T00:00:00Z');
const LATER = new Date('2026-01-02T00:00:00Z');

function treeFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const top of ['train', 'test', 'extra']) {
    for (let c = 0; c < 4; c++) {
      for (let f = 0; f < 6; f++) files[`data/${top}/class${c}/img${f}.txt`] = `${top} ${c} ${f}\n`;
      files[`data/${top}/class${c}/deeper/note.txt`] = `${top}${c}\n`;
    }
  }
  return files;
}

const pipeline = `stages:
  count:
    cmd: ${JSON.stringify(counted('count', 'find data -type f | sort | wc -l > out.txt'))}
    deps: [data]
    outs: [out.txt]
`;

test('walks shared with the worker and walks on the main thread alone agree', async () => {
  const files = treeFiles();
  const rig = makeRig({ 'pipeline.yaml': pipeline, ...files });
  // older than the stat cache's racy window, so each walk's listing signature is remembered
  for (const p of Object.keys(files)) utimesSync(join(rig.dir, p), PAST, PAST);
  const alone = { env: { PIPE_SCAN_WORKER: '0' } };
  const shared = { env: { PIPE_SCAN_WORKER: 'worker' } };

  const first = await rig.runWith(alone, 'repro');
  expect(first.code).toBe(0);
  expect(rig.read('out.txt').trim()).toBe('84');
  expect(rig.count('count')).toBe(1);

  for (let i = 0; i < 3; i++) {
    const status = await rig.runWith(shared, 'status');
    expect([status.code, status.stdout, status.stderr]).toEqual([0, 'Everything is up to date.\n', '']);
  }
  expect((await rig.runWith(shared, 'repro')).code).toBe(0);
  expect(rig.count('count')).toBe(1);

  // same size, new content, deep in the last subtree: the shared walk must see it
  const edited = 'data/extra/class3/deeper/note.txt';
  rig.write({ [edited]: 'EDIT\n'.padEnd(files[edited]!.length, '!') });
  utimesSync(join(rig.dir, edited), LATER, LATER);
  const changed = await rig.runWith(shared, 'status');
  expect(changed.code).toBe(0);
  expect(changed.stdout).toBe("count: would run (dep 'data' changed)\n1 would run.\n");
  const rerun = await rig.runWith(shared, 'repro');
  expect(rerun.code).toBe(0);
  expect(rig.count('count')).toBe(2);

  // and the main thread alone finds the shared walk's record up to date
  const after = await rig.runWith(alone, 'status');
  expect([after.code, after.stdout]).toEqual([0, 'Everything is up to date.\n']);
});
