// `pipe metrics diff REV` with a metrics folder, and `pipe params diff REV` with a params file a
// stage writes (a cached output), neither in the local cache: the folder's manifest, then its files,
// and the params file come from the remote, one note per command naming what was fetched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect, onTestFinished, test } from 'vitest';
import { makeRig } from '../rig.js';

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
const env = { PIPE_REMOTE: '' };

test('a metrics folder and a cached params file of a revision are fetched from the remote', async () => {
  const remote = mkdtempSync(join(tmpdir(), 'pipe-remote-'));
  onTestFinished(() => rmSync(remote, { recursive: true, force: true }));
  const rig = makeRig({
    'params.yaml': 'lr: 1\n',
    'pipeline.yaml': [
      'stages:',
      '  tune:',
      '    cmd: >-',
      '      mkdir -p m && echo "{\\"a\\": ${lr}}" > m/a.json && echo "{\\"b\\": ${lr}}" > m/b.json && echo "k: ${lr}" > best.yaml',
      '    params: [lr]',
      '    outs: [best.yaml]',
      '    metrics: [m]',
      '  use:',
      '    cmd: cat best.yaml > used.txt',
      '    params: [{best.yaml: [k]}]',
      '    outs: [used.txt]',
      '',
    ].join('\n'),
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

  const fetched = (what: string) => `note: fetched ${what} at HEAD~1 from the remote storage (${remote}) into the local cache (that revision's pipeline.lock names it)\n`;
  const m = await rig.runWith({ env }, 'metrics', 'diff', 'HEAD~1');
  expect([m.code, m.stdout, m.stderr]).toEqual([0, 'Path      Metric  HEAD~1  workspace  Change\nm/a.json  a       1       2          +1\nm/b.json  b       1       2          +1\n', fetched('m')]);
  const p = await rig.runWith({ env }, 'params', 'diff', 'HEAD~1');
  expect([p.code, p.stdout, p.stderr]).toEqual([0, 'Path         Param  HEAD~1  workspace  Change\nbest.yaml    k      1       2          +1\nparams.yaml  lr     1       2          +1\n', fetched('best.yaml')]);
});
