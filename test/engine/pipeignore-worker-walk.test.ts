// The scan worker applies .pipeignore as the main thread does: with PIPE_SCAN_WORKER=worker every
// shared subtree (each class folder below) is listed by the worker thread, which stays out of
// ignored folders exactly as a main-thread walk does (the same listing signature), and the dep
// hash is the main thread's, ignored files in those subtrees left out alike.
import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const PAST = new Date('2026-01-01T00:00:00Z');

function treeFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const top of ['train', 'test', 'extra']) {
    for (let c = 0; c < 4; c++) {
      for (let f = 0; f < 3; f++) files[`data/${top}/class${c}/img${f}.txt`] = `${top} ${c} ${f}\n`;
      files[`data/${top}/class${c}/deeper/note.txt`] = `${top}${c}\n`;
    }
  }
  return files;
}

const pipeline = `stages:
  count:
    cmd: ${JSON.stringify(counted('count', 'echo counted > out.txt'))}
    deps: [data]
    outs: [out.txt]
`;

test('the worker thread leaves out what .pipeignore matches, as the main thread does', async () => {
  const files = treeFiles();
  const rig = makeRig({ 'pipeline.yaml': pipeline, '.pipeignore': '*.tmp\n__pycache__/\n/data/test/class2/deeper/\n', ...files });
  for (const p of Object.keys(files)) utimesSync(join(rig.dir, p), PAST, PAST);
  const alone = { env: { PIPE_SCAN_WORKER: '0' } };
  const worker = { env: { PIPE_SCAN_WORKER: 'worker' } };

  expect((await rig.runWith(alone, 'repro')).code).toBe(0);
  // 3 tops x 4 classes x 4 files, less the anchored data/test/class2/deeper/note.txt
  expect(rig.read('pipeline.lock')).toMatch(/- path: data\n {8}hash: [0-9a-f]{64}\.dir\n {8}size: \d+\n {8}nfiles: 47\n/);

  // the worker's listing of the tree, the anchored folder left out, is the main thread's: the
  // signature recorded by a main-thread walk holds, and the stat cache is not rewritten
  const treeCache = (): string => readFileSync(join(rig.dir, '.pipe/tree-cache.json'), 'utf8');
  expect((await rig.runWith(alone, 'status')).stdout).toBe('Everything is up to date.\n');
  const recorded = treeCache();
  expect((await rig.runWith(worker, 'status')).stdout).toBe('Everything is up to date.\n');
  expect(treeCache()).toBe(recorded);

  // litter deep in the subtrees the worker lists: the worker's walk gives the main thread's hash
  rig.write({
    'data/extra/class3/deeper/scratch.tmp': 'x\n',
    'data/train/class0/__pycache__/m.pyc': 'x\n',
    'data/test/class2/deeper/more.txt': 'anchored folder\n',
  });
  for (let i = 0; i < 2; i++) {
    const status = await rig.runWith(worker, 'status');
    expect([status.code, status.stdout, status.stderr]).toEqual([0, 'Everything is up to date.\n', '']);
  }
  expect((await rig.runWith(worker, 'repro')).stdout).toBe('count: up to date\nEverything is up to date.\n');

  // a visible file in a worker subtree is still seen
  rig.write({ 'data/extra/class3/deeper/new.txt': 'new\n' });
  expect((await rig.runWith(worker, 'status')).stdout).toBe("count: would run (dep 'data' changed)\n1 would run.\n");
  expect((await rig.runWith(worker, 'repro')).code).toBe(0);
  expect(rig.count('count')).toBe(2);
  const after = await rig.runWith(alone, 'status');
  expect([after.code, after.stdout]).toEqual([0, 'Everything is up to date.\n']);
});
