// `pipe metrics diff REV` where REV's cached metrics file is not in the local cache and the
// default remote cannot be read (its folder is gone): the old note plus the remote's failure; exit 0.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
const env = { PIPE_REMOTE: '' };
const notInCache = `note: m.json at HEAD~1 is not in the local cache (that revision's pipeline.lock names it; \`pipe gc\` removes what it does not keep): with that revision checked out, \`pipe fetch\` or \`pipe pull\` brings it from the remote if it was pushed`;

test('metrics diff: an unreadable remote leaves the old note, with the remote\'s failure', async () => {
  const remote = mkdtempSync(join(tmpdir(), 'pipe-remote-'));
  const rig = makeRig({
    'params.yaml': 'lr: 1\n',
    'pipeline.yaml': 'stages:\n  t:\n    cmd: >-\n      echo "{\\"acc\\": ${lr}}" > m.json\n    params: [lr]\n    metrics: [m.json]\n',
  });
  git(rig.dir, 'init', '-q', '-b', 'main');
  git(rig.dir, 'config', 'user.email', 't@example.com');
  git(rig.dir, 'config', 'user.name', 't');
  expect((await rig.runWith({ env }, 'remote', 'add', '-d', 'storage', remote)).code).toBe(0);
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  expect((await rig.runWith({ env }, 'push')).code).toBe(0);
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-qm', 'lr 1');
  rig.write({ 'params.yaml': 'lr: 2\n' });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  git(rig.dir, 'commit', '-qam', 'lr 2');
  expect((await rig.run('gc', '-w', '-f')).code).toBe(0);
  rmSync(remote, { recursive: true, force: true });

  const m = await rig.runWith({ env }, 'metrics', 'diff', 'HEAD~1');
  // the location is where the remote's url is written
  const lines = rig.read('pipe.config.yaml').split('\n');
  const line = lines.findIndex((l) => l.includes(remote)) + 1;
  const col = (lines[line - 1] ?? '').indexOf(remote) + 1;
  expect([m.code, m.stdout, m.stderr]).toEqual([
    0,
    'Path    Metric  HEAD~1  workspace  Change\nm.json  acc     -       2\n',
    `${notInCache}; fetching it failed: pipe.config.yaml:${line}:${col}: remote storage (${remote}) does not exist\n`,
  ]);
});
