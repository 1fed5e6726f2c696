// A temp copy that a restore which died left beside its output, and that pipe cannot remove even
// with its folders made writable (a folder inside belongs to another user), never blocks a later
// restore of that output: each restore writes under a fresh name, so checkout and repro go on and
// warn, naming the path and what to run. `pipe gc` sweeps dead restores' temp copies beside every
// output, counts them under --dry-run, and warns of one it cannot remove. Needs root to hand a
// folder to another user; pipe itself runs as nobody (test/as-user.ts).
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { handToUser, runAsUser, runningAsRoot, userRunUnavailable } from '../as-user.js';

const why = runningAsRoot ? userRunUnavailable() : 'needs root, to make a folder that belongs to another user';

test.skipIf(why !== undefined)(`a dead restore's temp copy that cannot be removed is named, not in the way${why ? ` (skipped: ${why})` : ''}`, async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  a:\n    cmd: mkdir -p o && echo ${v} > o/x\n    outs: [o]\n',
    'params.yaml': 'v: 1\n',
  });
  handToUser(rig);
  expect((await runAsUser(rig, ['repro'])).code).toBe(0);
  // left by a restore killed while it replaced `o` (a dead pid), holding root's read-only folder
  const dead = spawnSync('true').pid;
  const stuck = join(rig.dir, `.tmp-o-${dead}-0badc0de`);
  const gone = join(rig.dir, `.tmp-o-${dead}-0000beef`);
  mkdirSync(join(stuck, 'root-owned', 'inner'), { recursive: true });
  mkdirSync(gone);
  rig.remove('o');
  // the project to nobody, but for root's read-only folder, which nobody can neither empty nor chmod
  const give = () => {
    handToUser(rig);
    chownSync(join(stuck, 'root-owned'), 0, 0);
    chownSync(join(stuck, 'root-owned', 'inner'), 0, 0);
    chmodSync(join(stuck, 'root-owned'), 0o555);
  };
  give();
  const warning = `cannot remove '${stuck}', a temp copy left by a restore that was interrupted: EACCES at '${join(stuck, 'root-owned', 'inner')}'; it is left as it is and stops nothing, but takes space: remove it as its owner or root (\`chmod -R u+w '${stuck}' && rm -rf '${stuck}'\`)\n`;

  const c = await runAsUser(rig, ['checkout']);
  expect([c.code, c.stdout, c.stderr]).toEqual([0, 'a: o: restored from cache\n1 output restored.\n', `warning: ${warning}`]);
  expect(rig.read('o/x')).toBe('1\n');
  // the one it could remove went
  expect(readdirSync(rig.dir).filter((n) => n.startsWith('.tmp-'))).toEqual([`.tmp-o-${dead}-0badc0de`]);

  // a repro restoring `o` from the run-cache goes on the same way
  rig.write({ 'params.yaml': 'v: 2\n' });
  give();
  expect((await runAsUser(rig, ['repro'])).code).toBe(0);
  rig.write({ 'params.yaml': 'v: 1\n' });
  give();
  const r = await runAsUser(rig, ['repro']);
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'a: restored from run-cache\n1 restored from cache.\n', `warning: a: ${warning}`]);
  expect(rig.read('o/x')).toBe('1\n');

  // gc: counted by --dry-run, warned of by gc, which removes the others
  mkdirSync(gone);
  give();
  const n = await runAsUser(rig, ['gc', '--dry-run']);
  expect([n.code, n.stdout.split(';')[0], n.stderr]).toEqual([0, 'Would remove 0 cache objects (0 B), 0 run-cache entries and 2 temp files left by interrupted writes', '']);
  const g = await runAsUser(rig, ['gc', '-f']);
  expect([g.code, g.stdout.split(';')[0], g.stderr]).toEqual([0, 'Removed 0 cache objects (0 B), 0 run-cache entries and 1 temp file left by interrupted writes', `warning: ${warning}`]);
  expect(readdirSync(rig.dir).filter((n) => n.startsWith('.tmp-'))).toEqual([`.tmp-o-${dead}-0badc0de`]);
});
