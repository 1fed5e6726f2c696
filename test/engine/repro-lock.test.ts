// Behaviour 9: one repro at a time per project; a second exits non-zero naming the holder's pid.
import { expect, test } from 'vitest';
import { counted, makeRig, waitFor } from '../rig.js';

test('a second repro while one is running exits 1 with "locked by pid N" and changes nothing', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:
  slow:
    cmd: ${JSON.stringify(counted('slow', 'touch started && while [ ! -f go ]; do sleep 0.05; done && echo done > out.txt'))}
    outs: [out.txt]
`,
  });
  const first = rig.start(['repro']);
  await waitFor(() => rig.exists('started'));
  const second = await rig.run('repro');
  expect(second.code).toBe(1);
  expect(second.stdout).toBe('');
  expect(second.stderr).toBe(`error: ${rig.dir} is locked by pid ${first.child.pid} (another \`pipe repro\` is running); wait for it to finish\n`);
  rig.write({ go: '' });
  const r = await first.done;
  expect(r.code).toBe(0);
  expect(rig.count('slow')).toBe(1);
  expect(rig.exists('.pipe/repro.lock')).toBe(false);
  expect((await rig.run('repro')).stdout).toBe('slow: up to date\nEverything is up to date.\n');
});
