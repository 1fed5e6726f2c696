// `pipe remove --outs` deletes an output holding read-only folders (made writable on the way
// down), instead of warning that it could not. Run as an ordinary user (test/as-user.ts).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { handToUser, runAsUser, userRunUnavailable } from '../as-user.js';

const why = userRunUnavailable();

test.skipIf(why !== undefined)(`remove --outs deletes an output with read-only folders${why ? ` (skipped: ${why})` : ''}`, async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: mkdir -p o/sub && echo x > o/sub/x && chmod -R a-w o\n    outs: [o]\n' });
  handToUser(rig);
  expect((await runAsUser(rig, ['repro', '--no-record'])).code).toBe(0);
  const r = await runAsUser(rig, ['remove', '--outs', 'a']);
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.exists('o')).toBe(false);
});
