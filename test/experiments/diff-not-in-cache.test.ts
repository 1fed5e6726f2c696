// A revision whose pipeline.lock names a metrics or plots file the local cache no longer holds
// (`pipe gc -w` removed it): the diff says the cache lacks it and how to bring it back, not that
// the revision lacks the file; a file the revision truly lacks is still "missing in HEAD~1".
import { expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { makeRig } from '../rig.js';

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
const notInCache = (path: string) =>
  `note: ${path} at HEAD~1 is not in the local cache (that revision's pipeline.lock names it; \`pipe gc\` removes what it does not keep): with that revision checked out, \`pipe fetch\` or \`pipe pull\` brings it from the remote if it was pushed\n`;

test('metrics and plots diff against a revision whose cached outputs gc removed', async () => {
  const rig = makeRig({
    'params.yaml': 'lr: 1\n',
    'pipeline.yaml': `stages:\n  t:\n    cmd: >-\n      echo "{\\"acc\\": \${lr}}" > m.json; printf 'x,y\\n1,\${lr}\\n' > h.csv\n    params: [lr]\n    metrics: [m.json]\n    plots: [h.csv]\n`,
  });
  git(rig.dir, 'init', '-q', '-b', 'main');
  git(rig.dir, 'config', 'user.email', 't@example.com');
  git(rig.dir, 'config', 'user.name', 't');
  expect((await rig.run('repro')).code).toBe(0);
  git(rig.dir, 'add', 'params.yaml', 'pipeline.yaml', 'pipeline.lock', '.gitignore');
  git(rig.dir, 'commit', '-qm', 'lr 1');
  rig.write({ 'params.yaml': 'lr: 2\n' });
  expect((await rig.run('repro')).code).toBe(0);
  git(rig.dir, 'commit', '-qam', 'lr 2');
  const before = await rig.run('metrics', 'diff', 'HEAD~1');
  expect([before.code, before.stderr]).toEqual([0, 'note: m.json at HEAD~1: read from the cache (pipeline.lock at that revision)\n']);

  expect((await rig.run('gc', '-w', '-f')).code).toBe(0);
  const m = await rig.run('metrics', 'diff', 'HEAD~1');
  expect([m.code, m.stdout, m.stderr]).toEqual([0, 'Path    Metric  HEAD~1  workspace  Change\nm.json  acc     -       2\n', notInCache('m.json')]);
  const p = await rig.run('plots', 'diff', 'HEAD~1', '-o', 'out');
  expect([p.code, p.stderr]).toEqual([0, notInCache('h.csv')]);

  // a revision without the file at all: still "missing in"
  rig.write({ 'pipeline.yaml': rig.read('pipeline.yaml').replace('metrics: [m.json]', 'metrics: [m.json, n.json]').replace('> m.json;', '> m.json; echo "{\\"b\\": 1}" > n.json;') });
  expect((await rig.run('repro')).code).toBe(0);
  const n = await rig.run('metrics', 'diff', 'HEAD~1');
  expect(n.stderr).toBe(`${notInCache('m.json')}note: n.json: missing in HEAD~1\n`);
});
