// DST naming SRC itself (or its folder, for a file in it) is refused as the same place, exit 2 and
// nothing changed, not as a folder moving into itself.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { snapshot } from '../remove/helpers.js';

test('source and destination the same: said so, nothing changed', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data/raw3/a.txt': 'a\n', 'e.txt': 'e\n' });
  expect((await rig.run('add', 'data/raw3', 'e.txt')).code).toBe(0);
  const before = snapshot(rig.dir);
  const cases: [string, string, string][] = [
    ['data/raw3', 'data/raw3', 'data/raw3'],
    ['data/raw3', 'data/raw3/', 'data/raw3/'],
    ['data/raw3.pipe', 'data/raw3', 'data/raw3'],
    ['data/raw3', 'data', 'data/raw3'],
    ['e.txt', './', 'e.txt'],
  ];
  for (const [src, dst, said] of cases) {
    const r = await rig.run('move', src, dst);
    expect([src, dst, r.code, r.stdout, r.stderr]).toEqual([src, dst, 2, '', `error: the source and the destination are the same ('${said}'); nothing to move\n`]);
  }
  expect(snapshot(rig.dir)).toEqual(before);
});
