// `\${...}` is no reference (as in DVC): it reaches the cmd or path as `${...}`, the backslash
// dropped, so a cmd can use a shell variable in braces and a path can hold a literal `${`; the
// unescaped references beside it are substituted as usual.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('a shell variable in braces in a cmd, a literal ${ in an out path', async () => {
  const cmd = counted('a', 'W=someone; echo "who=\\${W} lr=${lr}" > \'out-\\${x}.txt\'');
  const rig = makeRig({
    'params.yaml': 'lr: 0.1\n',
    'pipeline.yaml': `stages:\n  a:\n    cmd: ${JSON.stringify(cmd)}\n    outs: ['out-\\\${x}.txt']\n`,
  });
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.read('out-${x}.txt')).toBe('who=someone lr=0.1\n');
  const lock = rig.read('pipeline.lock');
  expect(lock).toContain(`echo "who=\${W} lr=0.1" > 'out-\${x}.txt'`);
  expect(lock).toContain('- path: out-${x}.txt\n');
  const again = await rig.run('status');
  expect([again.code, again.stdout]).toEqual([0, 'Everything is up to date.\n']);
  expect(rig.count('a')).toBe(1);
});
