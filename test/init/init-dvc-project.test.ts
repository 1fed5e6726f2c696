// `pipe init` in a DVC project: pipeline.yaml is made beside dvc.yaml, and a note says pipe does
// not read dvc.yaml and how to bring its stages over.
import { expect, test } from 'vitest';
import { initRepo } from '../add/helpers.js';
import { makeRig } from '../rig.js';

test('notes the dvc.yaml beside it', async () => {
  const rig = makeRig({ 'dvc.yaml': 'stages:\n  a:\n    cmd: echo a\n' });
  initRepo(rig.dir);
  const r = await rig.run('init');
  expect([r.code, r.stderr]).toEqual([
    0,
    'note: this folder has a dvc.yaml: pipe reads pipeline.yaml, in a subset of its format; copy its stages into pipeline.yaml (README says what differs), or add them again with `pipe stage add`\n',
  ]);
  expect(rig.read('dvc.yaml')).toBe('stages:\n  a:\n    cmd: echo a\n');
  expect((await rig.run('stage', 'list')).stdout).toBe('No stages in pipeline.yaml yet: add one with `pipe stage add`.\n');
});
