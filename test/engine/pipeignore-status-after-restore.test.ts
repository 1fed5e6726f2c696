// `pipe status` decides the stages after a restore from the folder the restore will leave: without
// the files .pipeignore now hides (it used the hash pipeline.lock recorded with them, so status
// said "restored" where repro ran, and "dep changed" where repro restored).
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  gen:
    cmd: ${JSON.stringify(counted('gen', 'mkdir -p out && echo a > out/a.txt && echo l > out/listing.txt'))}
    outs: [out]
  count:
    cmd: ${JSON.stringify(counted('count', 'ls out | wc -l > count.txt'))}
    deps: [out]
    outs: [count.txt]
`;

test('outputs missing after a pattern hid some of a folder: status says what repro then does', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  rig.write({ '.pipeignore': 'listing.txt\n' });
  for (const round of [1, 2]) {
    rig.remove('out');
    rig.remove('count.txt');
    const status = await rig.run('status');
    const repro = await rig.run('repro', '--no-record');
    expect([round, repro.code]).toEqual([round, 0]);
    if (round === 1) {
      expect(status.stdout).toBe("gen: would be restored from cache (out 'out' missing)\ncount: would run (dep 'out' changed)\n1 would run, 1 would be restored.\n");
      expect(repro.stdout).toMatch(/^gen: restored from cache\ncount: running \(dep 'out' changed\)\ncount: ran \(\d+\.\ds\)\n1 ran, 1 restored from cache\.\n$/);
    } else {
      expect(status.stdout).toBe("gen: would be restored from cache (out 'out' missing)\ncount: would be restored from cache (out 'count.txt' missing)\n2 would be restored.\n");
      expect(repro.stdout).toBe('gen: restored from cache\ncount: restored from cache\n2 restored from cache.\n');
    }
  }
  expect([rig.count('gen'), rig.count('count')]).toEqual([1, 2]);
});
