// A stage whose output holds read-only folders (`chmod -R a-w`, as Go's module cache and Bazel's
// trees are) reruns: the old output is removed first, its folders made writable on the way down
// (as DVC's remove does), instead of failing the stage with EACCES. Run as an ordinary user:
// root ignores permissions (test/as-user.ts).
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';
import { handToUser, runAsUser, userRunUnavailable } from '../as-user.js';

const why = userRunUnavailable();

test.skipIf(why !== undefined)(`a rerun removes the old output's read-only folders${why ? ` (skipped: ${why})` : ''}`, async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  a:\n    cmd: ${JSON.stringify(counted('a', 'mkdir -p o/sub && echo ${v} > o/sub/x && chmod -R a-w o'))}\n    outs: [o]\n`,
    'params.yaml': 'v: 1\n',
  });
  handToUser(rig);
  const first = await runAsUser(rig, ['repro']);
  expect([first.code, first.stderr]).toEqual([0, '']);
  rig.write({ 'params.yaml': 'v: 2\n' });
  handToUser(rig);
  const again = await runAsUser(rig, ['repro']);
  expect([again.code, again.stderr]).toEqual([0, '']);
  expect(again.stdout).toContain('a: ran');
  expect(rig.read('o/sub/x')).toBe('2\n');
  expect(rig.count('a')).toBe(2);
});
