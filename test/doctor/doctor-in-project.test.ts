// `pipe doctor` in a project, run from a subfolder: the root, the stage count (foreach items one
// by one), git and .pipeignore; a pipeline.yaml that does not load is named with its location,
// and doctor still exits 0.
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { doctorReport } from './helpers.js';

const FOREACH = `stages:
  prep:
    cmd: echo prep > prep.txt
    outs: [prep.txt]
  train:
    foreach: [1, 2, 3]
    do:
      cmd: echo \${item} > m\${item}.txt
      deps: [prep.txt]
      outs: ["m\${item}.txt"]
`;

test('root, stages, git and .pipeignore, from a subfolder', async () => {
  const rig = makeRig({ 'pipeline.yaml': FOREACH, 'src/keep.txt': 'x' });
  const plain = await doctorReport(rig, { cwd: 'src' });
  expect(plain.project).toMatchObject({ root: rig.dir, stages: 4, pipelineError: null, git: { repository: false, top: null }, pipeignore: false });
  const text = await rig.runWith({ cwd: 'src' }, 'doctor');
  expect(text.stdout).toContain(`\nProject: ${rig.dir}\n  pipeline.yaml: 4 stages\n`);
  expect(text.stdout).toContain('  git: not in a git repository\n  .pipeignore: no\n');

  execFileSync('git', ['init', '-q'], { cwd: rig.dir });
  rig.write({ '.pipeignore': '*.tmp\n' });
  const inGit = await doctorReport(rig, { cwd: 'src' });
  expect(inGit.project).toMatchObject({ git: { repository: true, top: realpathSync(rig.dir) }, pipeignore: true });
  expect((await rig.run('doctor')).stdout).toContain(`  git: a repository (${realpathSync(rig.dir)})\n  .pipeignore: yes\n`);
});

test('a pipeline.yaml that does not load is named at its line; exit 0', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo a\n    outz: [a.txt]\n' });
  const r = await doctorReport(rig);
  expect(r.project!.stages).toBeNull();
  expect(r.project!.pipelineError).toMatch(/^pipeline\.yaml:4:5: .*outz/);
  const text = await rig.run('doctor');
  expect(text.code).toBe(0);
  expect(text.stdout).toMatch(/\n {2}pipeline\.yaml: does not load: pipeline\.yaml:4:5: .*outz/);
});
