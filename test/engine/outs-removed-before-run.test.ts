// Behaviour 7: outs are removed before cmd runs (unless persist), so stale files never leak.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('a stale file in an out folder is gone when the cmd starts; persist outs are kept', async () => {
  const rig = makeRig({
    'n.txt': '1\n',
    'pipeline.yaml': `stages:
  gen:
    cmd: ${JSON.stringify(counted('gen', 'mkdir -p out && ls out > seen.txt && touch out/$(cat n.txt) && echo run >> log.txt'))}
    deps: [n.txt]
    outs:
      - out
      - seen.txt
      - log.txt: {persist: true}
`,
  });
  await rig.run('repro');
  rig.write({ 'n.txt': '2\n', 'out/stale': 'x' });
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect(rig.read('seen.txt')).toBe('');
  expect(rig.exists('out/stale')).toBe(false);
  expect(rig.exists('out/1')).toBe(false);
  expect(rig.exists('out/2')).toBe(true);
  expect(rig.read('log.txt')).toBe('run\nrun\n');
  // a persist out depends on its own history, so such a stage never uses the run-cache
  expect(rig.exists('cache/runs')).toBe(false);
});
