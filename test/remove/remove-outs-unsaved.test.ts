// `pipe remove --outs` deletes only what the cache holds: an output or tracked data edited by hand
// since is refused, exit 1 as `pipe checkout` does, each named, and nothing is removed at all
// (not even the stage or the output the cache holds); `-f/--force` removes them anyway, keeping
// what the cache does not hold in .pipe/kept/ (a file moved, of a folder the unheld files linked).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';
import { snapshot } from './helpers.js';

const pipeline = `stages:
  a:
    cmd: ${counted('a', 'echo a > a.txt')}
    outs: [a.txt]
  b:
    cmd: ${counted('b', 'echo b > b.txt')}
    outs: [b.txt]
`;

test('edited outputs and data: refused, nothing removed; --force removes them, keeping the edits in .pipe/kept/', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 't.txt': 't\n' });
  expect((await rig.run('repro')).code).toBe(0);
  expect((await rig.run('add', 't.txt')).code).toBe(0);
  rig.write({ 'a.txt': 'edit\n', 't.txt': 'edit too\n' });
  const before = snapshot(rig.dir);
  const r = await rig.run('remove', '--outs', 'a', 'b', 't.txt');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    1,
    '',
    "error: a.txt (stage 'a') has changes the cache does not hold: `pipe commit --force a` keeps them\n" +
      'error: t.txt has changes the cache does not hold: `pipe add t.txt` records them\n' +
      'error: --outs would delete them for good, so nothing was removed; `pipe remove --outs --force` removes them anyway, keeping what the cache does not hold in .pipe/kept/\n',
  ]);
  expect(snapshot(rig.dir)).toEqual(before);
  const forced = await rig.run('remove', '--outs', '-f', 'a', 'b', 't.txt');
  expect([forced.code, forced.stdout]).toEqual([
    0,
    "Removed stage 'a' from pipeline.yaml and pipeline.lock; deleted its outputs a.txt\n" +
      "Removed stage 'b' from pipeline.yaml and pipeline.lock; deleted its outputs b.txt\n" +
      'Removed t.txt.pipe and t.txt\n',
  ]);
  const kept = readdirSync(join(rig.dir, '.pipe/kept')).sort();
  expect(kept).toEqual([expect.stringMatching(/^\d{8}-\d{6}-a$/), expect.stringMatching(/^\d{8}-\d{6}-t\.txt\.pipe$/)]);
  const [ka, kt] = kept;
  expect(forced.stderr).toBe(
    `warning: 'a.txt' held 1 file the cache does not hold (a.txt): moved to .pipe/kept/${ka}/a.txt before \`pipe remove --outs --force\` deleted it; copy back what you need (\`cp .pipe/kept/${ka}/a.txt a.txt\`), then delete .pipe/kept/${ka}\n` +
      `warning: 't.txt' held 1 file the cache does not hold (t.txt): moved to .pipe/kept/${kt}/t.txt before \`pipe remove --outs --force\` deleted it; copy back what you need (\`cp .pipe/kept/${kt}/t.txt t.txt\`), then delete .pipe/kept/${kt}\n`,
  );
  expect([rig.read(`.pipe/kept/${ka}/a.txt`), rig.read(`.pipe/kept/${kt}/t.txt`)]).toEqual(['edit\n', 'edit too\n']);
  expect([rig.exists('a.txt'), rig.exists('b.txt'), rig.exists('t.txt'), rig.exists('t.txt.pipe')]).toEqual([false, false, false, false]);
  expect([rig.count('a'), rig.count('b')]).toEqual([1, 1]);
});
