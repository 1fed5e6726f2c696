// In a git work tree, the pipeline files below the root that the walk finds, less those git
// ignores (one `git check-ignore`): tracked and untracked ones are found; left out are one git
// ignores, one in a hidden folder, one .pipeignore hides, one under node_modules and one in a
// subfolder that is a project of its own (it has .pipe/); a deleted tracked one is gone.
import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const stage = (name: string): string => `stages:\n  ${name}:\n    cmd: echo ${name} > ${name}.txt\n    outs: [${name}.txt]\n`;
const git = (dir: string, ...args: string[]): string => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, encoding: 'utf8' });

test('git finds the pipeline files; ignored, hidden, .pipeignore\'d, node_modules and nested projects are left out', async () => {
  const rig = makeRig({
    'pipeline.yaml': stage('top'),
    '.gitignore': '/ignored\n',
    '.pipeignore': 'skipped/\n',
    'a/pipeline.yaml': stage('tracked'),
    'a/b/pipeline.yaml': stage('deeper'),
    'ignored/pipeline.yaml': stage('ignored'),
    '.hidden/pipeline.yaml': stage('hidden'),
    'skipped/pipeline.yaml': stage('skipped'),
    'node_modules/m/pipeline.yaml': stage('module'),
    'own/pipeline.yaml': stage('own'),
    'own/.pipe/.keep': '',
    'gone/pipeline.yaml': stage('gone'),
  });
  git(rig.dir, 'init', '-q', '-b', 'main');
  git(rig.dir, 'add', 'pipeline.yaml', 'a/pipeline.yaml', 'gone/pipeline.yaml', 'node_modules/m/pipeline.yaml');
  git(rig.dir, 'commit', '-q', '-m', 'files');
  rig.remove('gone/pipeline.yaml');
  // a/b/pipeline.yaml stays untracked: found all the same
  const l = await rig.run('stage', 'list');
  expect([l.code, l.stderr, l.stdout]).toEqual([
    0,
    '',
    'top                       outputs: top.txt\n' +
      'a/pipeline.yaml:tracked   outputs: a/tracked.txt\n' +
      'a/b/pipeline.yaml:deeper  outputs: a/b/deeper.txt\n',
  ]);
});
