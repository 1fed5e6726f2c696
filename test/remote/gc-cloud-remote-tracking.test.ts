// A shared remote: a teammate pushed branch `thr` and its data; this clone has fetched it
// (`origin/thr`, a remote-tracking branch) but has no local branch of it. `pipe gc -c` must not
// remove from the remote what origin/thr needs (found by a team audit, 2026-12-08: it did, and the
// next clone of thr could not pull): plain gc -c and -T refuse, -a keeps it, -w removes it as asked.
// The local cache may drop it: the remote keeps it for every clone.
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { git } from './all-revisions-helpers.js';
import { snapshot, tempDir } from './helpers.js';

test("gc -c keeps on the remote what a fetched teammate's branch (origin/thr) needs", { timeout: 90_000 }, async () => {
  const remote = path.join(tempDir(), 'remote');
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  up:\n    cmd: tr a-z A-Z < in.txt > out.txt\n    deps: [in.txt]\n    outs: [out.txt]\n',
    'pipe.config.yaml': `remote: ${remote}\nrecord: false\n`,
    'in.txt': 'main\n',
  });
  git(rig.dir, 'init', '-q', '-b', 'main');
  expect((await rig.run('repro')).code).toBe(0);
  expect((await rig.run('push')).code).toBe(0);
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-q', '-m', 'main');
  // the teammate's branch, as this clone sees it after `git fetch`: origin/thr, no local thr
  git(rig.dir, 'checkout', '-q', '-b', 'thr');
  rig.write({ 'in.txt': 'thr\n' });
  expect((await rig.run('repro')).code).toBe(0);
  expect((await rig.run('push')).code).toBe(0);
  git(rig.dir, 'commit', '-q', '-am', 'thr');
  git(rig.dir, 'update-ref', 'refs/remotes/origin/thr', 'thr');
  git(rig.dir, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/thr');
  git(rig.dir, 'checkout', '-q', 'main');
  git(rig.dir, 'branch', '-q', '-D', 'thr');
  expect((await rig.run('checkout')).code).toBe(0);
  const before = snapshot(remote);

  const plain = await rig.run('gc', '-c', '-f');
  expect([plain.code, plain.stdout, plain.stderr]).toEqual([
    2,
    '',
    `error: plain \`pipe gc -c\` keeps only what this workspace and its experiment records need, and would remove 1 object from the remote ${remote} that branch origin/thr (remote-tracking) needs (committed pipeline.lock or .pipe files); nothing was removed\n` +
      'hint: add -a (--all-branches) to keep what every branch, local or remote-tracking, needs: `pipe gc -a -c -f`; or add -w (--workspace) to keep only what pipeline.lock needs here and remove the rest\n',
  ]);
  expect(snapshot(remote)).toEqual(before);

  const tags = await rig.run('gc', '-T', '-c', '-f');
  expect([tags.code, tags.stderr.split('\n')[0]]).toEqual([
    2,
    `error: \`pipe gc -T -c -f\` keeps only what this workspace, its experiment records and every tag need, and would remove 1 object from the remote ${remote} that branch origin/thr (remote-tracking) needs (committed pipeline.lock or .pipe files); nothing was removed`,
  ]);
  expect(snapshot(remote)).toEqual(before);

  // -a: kept there and here (origin/HEAD points at origin/thr: counted once)
  const all = await rig.run('gc', '-a', '-c', '-f');
  expect([all.code, all.stderr, all.stdout]).toEqual([
    0,
    '',
    'Removed 0 cache objects (0 B) and 0 run-cache entries; 2 objects kept (pipeline.lock, 0 experiments and 2 branches).\n' +
      `Removed 0 objects (0 B) and 0 run-cache entries from the remote ${remote}; 2 objects kept there.\n`,
  ]);
  expect(snapshot(remote)).toEqual(before);

  // plain local gc is free to drop it here: the remote holds it
  const local = await rig.run('gc', '-f');
  expect([local.code, local.stderr, local.stdout]).toEqual([0, '', 'Removed 1 cache object (4 B) and 1 run-cache entry; 1 object kept (pipeline.lock and 0 experiments).\n']);
  expect(snapshot(remote)).toEqual(before);

  // -w asks for exactly that: the remote is cleaned down to this workspace's needs
  const ws = await rig.run('gc', '-w', '-c', '-f');
  expect([ws.code, ws.stderr, ws.stdout.split('\n')[1]]).toEqual([0, '', `Removed 1 object (4 B) and 1 run-cache entry from the remote ${remote}; 1 object kept there.`]);
});
