// `remote remove --local <name>` takes the entry out of pipe.config.local.yaml alone: the committed
// remote of that name serves again, pipe.config.yaml untouched; a name only committed is refused
// with --local, and one only local without it.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const committed = '# the team remote\nremotes:\n  nas: /mnt/nas/pipe\nremote: nas\n';

test('--local removes the local entry only', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': committed, 'pipe.config.local.yaml': '# mine\nremotes:\n  nas: /Volumes/nas/pipe\n  scratch: ../scratch\n' });

  const notLocal = await rig.run('remote', 'remove', 'scratch');
  expect([notLocal.code, notLocal.stderr]).toEqual([2, "error: remote 'scratch' is not in pipe.config.yaml: it is in pipe.config.local.yaml\nhint: `pipe remote remove --local scratch` removes it there\n"]);

  const r = await rig.run('remote', 'remove', '--local', 'nas');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'removed remote nas from pipe.config.local.yaml (/Volumes/nas/pipe)\n', "note: pipe.config.yaml's remote nas (/mnt/nas/pipe) serves again, without this clone's settings\n"]);
  expect(rig.read('pipe.config.local.yaml')).toBe('# mine\nremotes:\n  scratch: ../scratch\n');
  expect(rig.read('pipe.config.yaml')).toBe(committed);
  expect((await rig.run('remote', 'list')).stdout).toBe('nas      /mnt/nas/pipe  (default)\nscratch  ../scratch  (local)\n');

  const onlyCommitted = await rig.run('remote', 'remove', '--local', 'nas');
  expect([onlyCommitted.code, onlyCommitted.stderr]).toEqual([2, "error: remote 'nas' is not in pipe.config.local.yaml: it is in pipe.config.yaml\nhint: `pipe remote remove nas` removes it there, for everyone\n"]);
  expect(rig.read('pipe.config.yaml')).toBe(committed);
});
