// The project is found by walking up from the current folder to pipeline.yaml, like git.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('commands work from a subfolder; outside any project they exit 2', async () => {
  const rig = makeRig({
    'src/deep/keep.txt': '',
    'pipeline.yaml': `stages:\n  a:\n    cmd: ${JSON.stringify(counted('a', 'pwd > where.txt'))}\n    outs: [where.txt]\n`,
  });
  const r = await rig.runWith({ cwd: 'src/deep' }, 'repro');
  expect(r.code).toBe(0);
  expect(rig.read('where.txt').trim()).toBe(rig.dir);
  expect((await rig.runWith({ cwd: 'src' }, 'status')).stdout).toBe('Everything is up to date.\n');

  const empty = makeRig({ 'x.txt': '' });
  const none = await empty.run('status');
  expect(none.code).toBe(2);
  expect(none.stderr).toBe(`error: no pipeline.yaml in ${empty.dir} or any folder above it; run pipe inside a project, or \`pipe init\` to make this folder one\n`);
  // every command says so with the same exit code: 2, a usage error
  for (const args of [['repro'], ['dag'], ['checkout'], ['commit'], ['gc'], ['metrics', 'show'], ['metrics', 'diff'], ['params', 'diff'], ['exp', 'show'], ['exp', 'queue'], ['plots', 'show'], ['push'], ['pull'], ['add', 'x.txt']]) {
    const r2 = await empty.run(...args);
    expect([args.join(' '), r2.code, r2.stderr]).toEqual([args.join(' '), 2, expect.stringContaining(`no pipeline.yaml in ${empty.dir} or any folder above it`)]);
  }
});

test('a folder with a dvc.yaml and no pipeline.yaml: the error says what pipe reads', async () => {
  const dvc = makeRig({ 'dvc.yaml': 'stages: {}\n' });
  const r = await dvc.run('status');
  expect([r.code, r.stderr]).toEqual([2, `error: no pipeline.yaml in ${dvc.dir} or any folder above it; run pipe inside a project, or \`pipe init\` to make this folder one (this folder has a dvc.yaml: pipe reads pipeline.yaml, in a subset of its format; copy it to pipeline.yaml and see README for what differs)\n`]);
  // from a subfolder: the folder that has it is named
  dvc.write({ 'src/keep.txt': '' });
  const sub = await dvc.runWith({ cwd: 'src' }, 'status');
  expect(sub.stderr).toContain(`(${dvc.dir} has a dvc.yaml: pipe reads pipeline.yaml`);
});
