// A restore that would overwrite an output file holding content the cache does not hold (`pipe
// repro` putting back what pipeline.lock records, `pipe checkout --force`) moves that file to
// .pipe/kept/<time>-<stage>/ first, as a run does, and its warning's `cp` puts it back; a plain
// `pipe checkout` leaves it where it is.
import { execSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { counted, makeRig, type Rig } from '../rig.js';
import { keptFolders } from './helpers.js';

const pipeline = `stages:\n  gen:\n    cmd: ${JSON.stringify(counted('gen', 'echo made > model.txt'))}\n    outs: [model.txt]\n`;
const warning = (folder: string, record: string) =>
  `warning: gen: 'model.txt' held 1 file the cache does not hold (model.txt): moved to .pipe/kept/${folder}/model.txt before putting back the version ${record} records, instead of overwriting it; copy back what you need (\`cp .pipe/kept/${folder}/model.txt model.txt\`), then delete .pipe/kept/${folder}\n`;
const newest = (rig: Rig, seen: string[]): string => keptFolders(rig).find((f) => !seen.includes(f)) ?? '';

test('repro and checkout --force move an edited output file aside before restoring it; the cp in the warning brings it back', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('repro')).code).toBe(0);

  rig.write({ 'model.txt': 'tuned by hand\n' });
  const r = await rig.run('repro');
  const first = newest(rig, []);
  expect(first).toMatch(/^\d{8}-\d{6}-gen$/);
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'gen: restored from cache\n1 restored from cache.\n', warning(first, 'pipeline.lock')]);
  expect([rig.read('model.txt'), rig.read(`.pipe/kept/${first}/model.txt`)]).toEqual(['made\n', 'tuned by hand\n']);

  rig.write({ 'model.txt': 'tuned again\n' });
  const plain = await rig.run('checkout');
  expect([plain.code, rig.read('model.txt'), keptFolders(rig)]).toEqual([1, 'tuned again\n', [first]]);
  const forced = await rig.run('checkout', '--force');
  const second = newest(rig, [first]);
  expect(second).toMatch(/^\d{8}-\d{6}-gen(-2)?$/);
  expect([forced.code, forced.stdout, forced.stderr]).toEqual([0, 'gen: model.txt: restored from cache\n1 output restored.\n', warning(second, 'pipeline.lock')]);
  expect(rig.read('model.txt')).toBe('made\n');

  // the command the warning names works as given, from the project root
  execSync(`cp .pipe/kept/${second}/model.txt model.txt`, { cwd: rig.dir });
  expect(rig.read('model.txt')).toBe('tuned again\n');
  expect(rig.count('gen')).toBe(1);
});
