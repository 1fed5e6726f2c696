// Behaviour 3: when a rerun stage produces byte-identical outs, its dependents do not rerun.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('dependents of a stage whose outs did not change stay up to date', async () => {
  const rig = makeRig({
    'data/in.txt': 'b\na\n',
    'pipeline.yaml': `stages:
  sort:
    cmd: ${JSON.stringify(counted('sort', 'sort data/in.txt > sorted.txt'))}
    deps: [data/in.txt]
    outs: [sorted.txt]
  count:
    cmd: ${JSON.stringify(counted('count', 'wc -l < sorted.txt > n.txt'))}
    deps: [sorted.txt]
    outs: [n.txt]
`,
  });
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'data/in.txt': 'a\nb\n' }); // different input, same sorted output
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^sort: running \(dep 'data\/in\.txt' changed\)\nsort: ran \(\d+\.\ds\)\ncount: up to date\n1 ran, 1 up to date\.\n$/);
  expect([rig.count('sort'), rig.count('count')]).toEqual([2, 1]);
});
