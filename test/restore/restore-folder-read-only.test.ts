// `pipe checkout` over a folder output the stage made read-only (`chmod -R a-w`), one of whose
// files was deleted: that file is put back, the others are the very same files as before (still
// read-only), and the old folder's read-only remains are removed, leaving no `.tmp-out-*` behind.
// Run as an ordinary user: root ignores permissions (test/as-user.ts).
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { handToUser, runAsUser, userRunUnavailable } from '../as-user.js';
import { BUILT_CONTENTS, PIPELINE, contents, kept, snapshot } from './helpers.js';

const why = userRunUnavailable();

test.skipIf(why !== undefined)(`checkout puts back the one deleted file of a read-only folder output and keeps the rest${why ? ` (skipped: ${why})` : ''}`, async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE.replace('chmod +x out/tool', 'chmod +x out/tool && chmod -R a-w out') });
  handToUser(rig);
  expect((await runAsUser(rig, ['repro'])).code).toBe(0);
  expect(statSync(join(rig.dir, 'out/sub')).mode & 0o222).toBe(0);
  // writable for a moment, so that the tests' user may delete in it when it is not root
  chmodSync(join(rig.dir, 'out/sub'), 0o755);
  rig.remove('out/sub/two.txt');
  chmodSync(join(rig.dir, 'out/sub'), 0o555);
  const before = snapshot(rig, 'out');
  const r = await runAsUser(rig, ['checkout']);
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'build: out: restored from cache\n1 output restored.\n', '']);
  const after = snapshot(rig, 'out');
  expect(contents(after)).toEqual(BUILT_CONTENTS);
  expect(kept(before, after)).toEqual(['b/bee.txt', 'one.txt', 'sub/deep/three.txt', 'tool']);
  expect(statSync(join(rig.dir, 'out/one.txt')).mode & 0o222).toBe(0);
  expect(readdirSync(rig.dir).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  const again = await runAsUser(rig, ['status']);
  expect([again.code, again.stdout]).toEqual([0, 'Everything is up to date.\n']);
});
