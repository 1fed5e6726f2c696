// `pipe checkout` over an output holding read-only folders: the old copy it replaces is removed
// with its folders made writable, so the restore succeeds and leaves no `.tmp-o-*` folder behind;
// one such folder left by a restore that died earlier is swept the same way. Run as an ordinary
// user: root ignores permissions (test/as-user.ts).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { handToUser, runAsUser, userRunUnavailable } from '../as-user.js';

const why = userRunUnavailable();

test.skipIf(why !== undefined)(`checkout replaces an output with read-only folders and sweeps a dead restore's read-only temp${why ? ` (skipped: ${why})` : ''}`, async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  a:\n    cmd: mkdir -p o/sub && echo ${v} > o/sub/x && chmod -R a-w o\n    outs: [o]\n',
    'params.yaml': 'v: 1\n',
  });
  handToUser(rig);
  expect((await runAsUser(rig, ['repro'])).code).toBe(0);
  copyFileSync(join(rig.dir, 'pipeline.lock'), join(rig.dir, 'v1.lock'));
  rig.write({ 'params.yaml': 'v: 2\n' });
  handToUser(rig);
  expect((await runAsUser(rig, ['repro'])).code).toBe(0);
  // back to v1's lock, and a read-only temp folder left by a restore killed earlier (a dead pid)
  copyFileSync(join(rig.dir, 'v1.lock'), join(rig.dir, 'pipeline.lock'));
  const dead = spawnSync('true').pid;
  const leftover = join(rig.dir, `.tmp-o-${dead}-0badc0de`);
  mkdirSync(join(leftover, 'sub'), { recursive: true });
  writeFileSync(join(leftover, 'sub', 'x'), 'old\n');
  handToUser(rig);
  chmodSync(join(leftover, 'sub'), 0o555);
  chmodSync(leftover, 0o555);
  const r = await runAsUser(rig, ['checkout']);
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'a: o: restored from cache\n1 output restored.\n', '']);
  expect(rig.read('o/sub/x')).toBe('1\n');
  expect(readdirSync(rig.dir).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  // and again, over the restored copy
  const again = await runAsUser(rig, ['checkout']);
  expect([again.code, again.stdout]).toEqual([0, 'a: o: up to date\n0 outputs restored.\n']);
});
