// Behaviour 1: the first repro runs every stage in dependency order; the second runs none.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('first repro runs all stages upstream-first, the second says everything is up to date', async () => {
  const rig = makeRig({
    'data/in.txt': 'hello\n',
    // listed downstream-first on purpose: order must come from the graph, not the file
    'pipeline.yaml': `stages:
  train:
    cmd: ${JSON.stringify(counted('train', 'cat mid.txt > model.txt && echo "train order $(ls .count-* | wc -l)"'))}
    deps: [mid.txt]
    outs: [model.txt]
  prep:
    cmd: ${JSON.stringify(counted('prep', 'cp data/in.txt mid.txt'))}
    deps: [data]
    outs: [mid.txt]
`,
  });
  const first = await rig.run('repro');
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/^prep: running \(never ran\)\nprep: ran \(\d+\.\ds\)\ntrain: running \(never ran\)\n\[train\] train order 2\ntrain: ran \(\d+\.\ds\)\n2 ran\.\n$/);
  expect(first.stderr).toBe('');
  expect(rig.read('model.txt')).toBe('hello\n');
  expect([rig.count('prep'), rig.count('train')]).toEqual([1, 1]);

  const second = await rig.run('repro');
  expect(second.code).toBe(0);
  expect(second.stdout).toBe('prep: up to date\ntrain: up to date\nEverything is up to date.\n');
  expect([rig.count('prep'), rig.count('train')]).toEqual([1, 1]);
});
