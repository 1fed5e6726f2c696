// A value one edit away from a remote's name, where no folder of that name exists, is taken for a
// mistyped name, not a new folder for a push to fill: -r, $PIPE_REMOTE and `remote:` each get a
// did-you-mean (exit 2, nothing pushed). With the folder there, it is the folder, as before.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n';

test('-r, $PIPE_REMOTE and remote: with a near-miss name', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': 'remotes:\n  storage: store\n' });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const hint = 'hint: `pipe remote list` lists them; a folder of that name is written ./storge\n';
  const byFlag = await rig.runWith({ env: { PIPE_REMOTE: '' } }, 'push', '-r', 'storge');
  expect([byFlag.code, byFlag.stdout, byFlag.stderr]).toEqual([2, '', `error: remote 'storge' is no name in \`remotes:\` of pipe.config.yaml: did you mean 'storage'?\n${hint}`]);
  const byEnv = await rig.runWith({ env: { PIPE_REMOTE: 'storge' } }, 'pull');
  expect([byEnv.code, byEnv.stderr]).toEqual([2, `error: remote 'storge' is no name in \`remotes:\` of pipe.config.yaml: did you mean 'storage'?\n${hint}`]);
  rig.write({ 'pipe.config.yaml': 'remotes:\n  storage: store\nremote: storge\n' });
  const byConfig = await rig.runWith({ env: { PIPE_REMOTE: '' } }, 'push');
  expect([byConfig.code, byConfig.stderr]).toEqual([2, `error: pipe.config.yaml:3:9: \`remote: storge\` is no name in \`remotes:\` of pipe.config.yaml: did you mean 'storage'?\n${hint}`]);
  expect([rig.exists('storge'), rig.exists('store')]).toEqual([false, false]);

  rig.write({ 'storge/keep.txt': 'k\n' });
  const folder = await rig.runWith({ env: { PIPE_REMOTE: '' } }, 'push');
  expect([folder.code, folder.stderr]).toEqual([0, '']);
  expect(rig.exists('storge/objects')).toBe(true);
});
