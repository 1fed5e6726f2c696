// An output folder pipe cannot remove even after making its folders writable (one inside belongs
// to another user): the rerun fails the stage and `pipe checkout` stops, each with one error that
// names the path and the chmod to run, exit 1, never a stack trace. Needs root to hand a folder
// to another user; pipe itself runs as nobody (test/as-user.ts).
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { handToUser, runAsUser, runningAsRoot, userRunUnavailable } from '../as-user.js';

const why = runningAsRoot ? userRunUnavailable() : 'needs root, to make a folder that belongs to another user';

test.skipIf(why !== undefined)(`a folder that stays read-only is a failure naming it${why ? ` (skipped: ${why})` : ''}`, async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  a:\n    cmd: mkdir -p o && echo ${v} > o/x\n    outs: [o]\n',
    'params.yaml': 'v: 1\n',
  });
  handToUser(rig);
  expect((await runAsUser(rig, ['repro'])).code).toBe(0);
  copyFileSync(join(rig.dir, 'pipeline.lock'), join(rig.dir, 'v1.lock'));
  // root's folder, read-only, inside nobody's output: nobody can neither empty nor chmod it
  const foreign = join(rig.dir, 'o', 'root-owned');
  mkdirSync(join(foreign, 'inner'), { recursive: true });
  chmodSync(foreign, 0o555);
  rig.write({ 'params.yaml': 'v: 2\n' });
  const r = await runAsUser(rig, ['repro']);
  const message = `cannot remove '${join(rig.dir, 'o')}': EACCES at '${join(foreign, 'inner')}' (permission denied); make it writable (\`chmod -R u+w '${join(rig.dir, 'o')}'\`) or delete it by hand, then run the command again`;
  expect([r.code, r.stderr]).toEqual([1, `a: failed: error: ${message}\n`]);
  expect(r.stderr).not.toContain('    at ');
  // checkout puts v1 in place, but cannot remove the copy it moved aside
  rig.write({ 'o/x': 'edited\n' });
  const c = await runAsUser(rig, ['checkout', '--force']);
  expect(c.stderr).not.toContain('    at ');
  expect(c.code).toBe(1);
  // the edit is copied to .pipe/kept/ first (the warning's text is test/restore's to check)
  expect(c.stderr).toMatch(/^warning: a: 'o' held 1 file the cache does not hold \(o\/x\): copied to .*\nerror: cannot remove '.*\/\.tmp-o-\d+-[0-9a-f]{8}': EACCES at '.*\/root-owned\/inner' \(permission denied\); make it writable \(`chmod -R u\+w '.*\/\.tmp-o-\d+-[0-9a-f]{8}'`\) or delete it by hand, then run the command again\n$/);
  expect(rig.read('o/x')).toBe('1\n');
});
