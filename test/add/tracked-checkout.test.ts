// `pipe checkout` restores tracked data (`pipe add`) as its tracking file records it: all of it
// with no names, or the paths named; content the cache does not hold is kept without -f.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:\n  other:\n    cmd: ${JSON.stringify(counted('other', 'echo o > other.txt'))}\n    outs: [other.txt]\n`;

test('missing data comes back; edits the cache lacks need -f; a path or its .pipe file names it', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'data/raw/a.txt': 'a\n', 'data/raw/sub/b.txt': 'b\n', 'labels.csv': 'x\n' });
  expect((await rig.run('add', 'data/raw', 'labels.csv')).code).toBe(0);
  expect((await rig.run('repro')).code).toBe(0);
  rig.remove('data/raw');
  rig.write({ 'labels.csv': 'edited\n' });

  const all = await rig.run('checkout');
  expect([all.code, all.stdout, all.stderr]).toEqual([
    1,
    'other: other.txt: up to date\ndata/raw.pipe: data/raw: restored from cache\n1 output restored.\n',
    'labels.csv.pipe: labels.csv: has changes the cache does not hold, left as it is: `pipe add` records them, `pipe checkout --force` overwrites them\n',
  ]);
  expect([rig.read('data/raw/a.txt'), rig.read('data/raw/sub/b.txt'), rig.read('labels.csv')]).toEqual(['a\n', 'b\n', 'edited\n']);

  // named by its .pipe file, from a subfolder: only it, and no stage
  rig.remove('data/raw/sub');
  const named = await rig.runWith({ cwd: 'data' }, 'checkout', 'raw.pipe');
  expect([named.code, named.stdout, named.stderr]).toEqual([0, 'data/raw.pipe: data/raw: restored from cache\n1 output restored.\n', '']);
  expect(rig.read('data/raw/sub/b.txt')).toBe('b\n');

  const forced = await rig.run('checkout', '-f', 'labels.csv');
  // the edit is moved to .pipe/kept/<time>-<its .pipe file>/ first, not lost
  const folder = forced.stderr.match(/\.pipe\/kept\/(\d{8}-\d{6}-labels\.csv\.pipe)\//)?.[1] ?? '';
  expect([forced.code, forced.stdout, forced.stderr]).toEqual([
    0,
    'labels.csv.pipe: labels.csv: restored from cache\n1 output restored.\n',
    `warning: labels.csv.pipe: 'labels.csv' held 1 file the cache does not hold (labels.csv): moved to .pipe/kept/${folder}/labels.csv before putting back the version labels.csv.pipe records, instead of overwriting it; copy back what you need (\`cp .pipe/kept/${folder}/labels.csv labels.csv\`), then delete .pipe/kept/${folder}\n`,
  ]);
  expect([rig.read('labels.csv'), rig.read(`.pipe/kept/${folder}/labels.csv`)]).toEqual(['x\n', 'edited\n']);
  expect(rig.count('other')).toBe(1); // the repro's run: checkout runs nothing
});

test('data whose objects are not in the cache: not in cache, pull it', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'labels.csv': 'x\n' });
  expect((await rig.run('add', 'labels.csv')).code).toBe(0);
  rig.remove('cache');
  rig.remove('labels.csv');
  const r = await rig.run('checkout', 'labels.csv');
  expect([r.code, r.stdout, r.stderr]).toEqual([1, '0 outputs restored.\n', 'labels.csv.pipe: labels.csv: not in cache: run `pipe pull`\n']);
});
