// A DST whose way goes through a file (`report.txt/x` with report.txt a file): `pipe move` names
// that file and refuses, exit 2 and nothing changed, as `mv` does, rather than failing on the
// file system's ENOTDIR.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { snapshot } from '../remove/helpers.js';

test('a file where a folder of DST should be: a refusal naming it, nothing changed', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data/raw/a.txt': 'a\n', 'report.txt': 'r\n' });
  expect((await rig.run('add', 'data/raw')).code).toBe(0);
  const before = snapshot(rig.dir);
  for (const dst of ['report.txt/x', 'report.txt/a/b']) {
    const r = await rig.run('move', 'data/raw', dst);
    expect([dst, r.code, r.stdout, r.stderr]).toEqual([
      dst,
      2,
      '',
      `error: cannot move data/raw to '${dst}': 'report.txt' is a file, not a folder, so nothing can go inside it; nothing was changed\n`,
    ]);
  }
  expect(snapshot(rig.dir)).toEqual(before);
});
