// `pipe metrics diff REV` where REV's cached metrics file is neither in the local cache nor on the
// remote (never pushed): the old note, plus why fetching did not help; exit 0, the value shown as -.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect, onTestFinished, test } from 'vitest';
import { makeRig } from '../rig.js';

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
const env = { PIPE_REMOTE: '' };
const notInCache = `note: m.json at HEAD~1 is not in the local cache (that revision's pipeline.lock names it; \`pipe gc\` removes what it does not keep): with that revision checked out, \`pipe fetch\` or \`pipe pull\` brings it from the remote if it was pushed`;

test('metrics diff: a remote that lacks the revision\'s object leaves the old note, saying so', async () => {
  const remote = mkdtempSync(join(tmpdir(), 'pipe-remote-'));
  onTestFinished(() => rmSync(remote, { recursive: true, force: true }));
  const rig = makeRig({
    'params.yaml': 'lr: 1\n',
    'pipeline.yaml': 'stages:\n  t:\n    cmd: >-\n      echo "{\\"acc\\": ${lr}}" > m.json\n    params: [lr]\n    metrics: [m.json]\n',
  });
  git(rig.dir, 'init', '-q', '-b', 'main');
  git(rig.dir, 'config', 'user.email', 't@example.com');
  git(rig.dir, 'config', 'user.name', 't');
  expect((await rig.runWith({ env }, 'remote', 'add', '-d', 'storage', remote)).code).toBe(0);
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-qm', 'lr 1 (not pushed)');
  rig.write({ 'params.yaml': 'lr: 2\n' });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  git(rig.dir, 'commit', '-qam', 'lr 2');
  expect((await rig.runWith({ env }, 'push')).code).toBe(0);
  // (the push sent lr 1's run-cache entry and its object too: taken off, as if never pushed)
  const old = /path: m\.json\n\s+hash: (\w+)/.exec(git(rig.dir, 'show', 'HEAD~1:pipeline.lock'))?.[1] ?? '';
  expect(old).toMatch(/^[0-9a-f]{64}$/);
  rmSync(join(remote, 'objects', old.slice(0, 2), old.slice(2)));
  expect((await rig.run('gc', '-w', '-f')).code).toBe(0);

  const m = await rig.runWith({ env }, 'metrics', 'diff', 'HEAD~1');
  expect([m.code, m.stdout, m.stderr]).toEqual([
    0,
    'Path    Metric  HEAD~1  workspace  Change\nm.json  acc     -       2\n',
    `${notInCache}; fetching it failed: the remote storage (${remote}) does not hold it\n`,
  ]);
});
