// A key pipe.config.yaml holds that this pipe does not read (a typo, or a setting a newer pipe
// wrote for a teammate): every command says so on stderr at its line, with the known key it is
// near, and goes on with the same output and exit code (a warning: DVC refuses such a config,
// which would stop a teammate on an older pipe).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  a:\n    cmd: echo x > out.txt\n    outs: [out.txt]\n';

test('a key no known one is near: a newer pipe may read it; the command goes on, exit code unchanged', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': 'record: false\nfuturekey: 1\n' });
  const warning = "warning: pipe.config.yaml:2:1: unknown key 'futurekey', not read (pipe reads `remote`, `remotes`, `record` and `cache`; a newer pipe may read it: upgrade pipe to use it)\n";
  const repro = await rig.run('repro');
  expect([repro.code, repro.stderr]).toEqual([0, warning]);
  const status = await rig.run('status');
  expect([status.code, status.stdout, status.stderr]).toEqual([0, 'Everything is up to date.\n', warning]);
  const quiet = await rig.run('status', '-q');
  expect([quiet.code, quiet.stdout, quiet.stderr]).toEqual([0, '', warning]);
  rig.remove('out.txt');
  expect((await rig.run('status', '-q')).code).toBe(1);
});

test('a typo of a known key: did you mean it', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': 'remots:\n  nas: ../nas\n' });
  const r = await rig.run('status');
  expect([r.code, r.stderr]).toEqual([0, "warning: pipe.config.yaml:1:1: unknown key 'remots', not read: did you mean 'remotes'? (pipe reads `remote`, `remotes`, `record` and `cache`)\n"]);
});

test('known keys alone: no warning', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': 'remotes:\n  nas: ../nas\nremote: nas\nrecord: false\n' });
  const r = await rig.run('status');
  expect([r.code, r.stderr]).toEqual([0, '']);
});
