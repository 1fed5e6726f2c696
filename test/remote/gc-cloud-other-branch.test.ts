// Plain `pipe gc -c` (no -w, -a, -T, -A) refuses, exit 2, removing nothing here or there, when the
// remote holds an object another local branch's committed pipeline.lock needs, even where the
// local cache no longer has it: the remote may be the only copy left. `-a` keeps it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { snapshot, tempDir } from './helpers.js';

const git = (dir: string, ...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

test("plain gc -c refuses to remove from the remote what another branch's last commit needs", async () => {
  const remote = path.join(tempDir(), 'remote');
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  up:\n    cmd: tr a-z A-Z < in.txt > out.txt\n    deps: [in.txt]\n    outs: [out.txt]\n',
    'pipe.config.yaml': `remote: ${remote}\n`,
    'in.txt': 'one\n',
  });
  git(rig.dir, 'init', '-q', '-b', 'main');
  for (const [text, branch] of [['one\n', 'old'], ['two\n', undefined]] as const) {
    rig.write({ 'in.txt': text });
    expect((await rig.run('repro')).code).toBe(0);
    expect((await rig.run('push')).code).toBe(0);
    git(rig.dir, 'add', '-A');
    git(rig.dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', text.trim());
    if (branch !== undefined) git(rig.dir, 'branch', branch);
  }
  rig.remove('metrics/experiments');
  expect((await rig.run('gc', '-w', '-f')).code).toBe(0); // branch old's out.txt is on the remote alone now
  const before = snapshot(remote);

  const r = await rig.run('gc', '-c', '-f');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    `error: plain \`pipe gc -c\` keeps only what this workspace and its experiment records need, and would remove 1 object from the remote ${remote} that branch old needs (committed pipeline.lock or .pipe files); nothing was removed\n` +
      'hint: add -a (--all-branches) to keep what every local branch needs: `pipe gc -a -c -f`; or add -w (--workspace) to keep only what pipeline.lock needs here and remove the rest\n',
  ]);
  expect(snapshot(remote)).toEqual(before);

  const all = await rig.run('gc', '-a', '-c', '-f');
  expect([all.code, all.stderr, all.stdout.split('\n')[1]]).toEqual([0, '', `Removed 0 objects (0 B) and 0 run-cache entries from the remote ${remote}; 2 objects kept there.`]);
  expect(snapshot(remote)).toEqual(before);
});
