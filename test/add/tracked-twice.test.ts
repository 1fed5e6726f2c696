// Two tracking files for one path (a .pipe file copied by hand), or one inside the other's data:
// refused with both names, rather than taking turns (each checkout put back the other's version).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('a copied .pipe file: status and checkout name both files, exit 2', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data/raw/a.txt': 'a\n' });
  expect((await rig.run('add', 'data/raw')).code).toBe(0);
  rig.write({ 'data/raw-copy.pipe': rig.read('data/raw.pipe') });
  const line = "error: data/raw.pipe:1:1: data/raw.pipe tracks 'data/raw' too; data/raw-copy.pipe already tracks it: delete one of the two files\n";
  for (const cmd of ['status', 'checkout']) {
    const r = await rig.run(cmd);
    expect([cmd, r.code, r.stderr.split('\n')[0] + '\n']).toEqual([cmd, 2, line]);
  }
});
