// A .pipe file's `remote:` naming no remote of `remotes:` stops push, pull, fetch and status -c
// at its line and column, with a did-you-mean (as for a pipeline.yaml output); a `push:` or
// `remote:` of the wrong type is an error at its place in the .pipe file.
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { tempFolder } from '../experiments/share-project.js';

test('remote: in a .pipe file naming an unknown remote is an error at its place', async () => {
  const base = tempFolder();
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': `remotes:\n  main: ${path.join(base, 'main')}\n  backup: ${path.join(base, 'backup')}\nremote: main\n`, 'data.txt': 'data\n' });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  rig.write({ 'data.txt.pipe': rig.read('data.txt.pipe').replace(/nfiles: 1\n/, 'nfiles: 1\n    remote: bakup\n') });
  const error =
    "error: data.txt.pipe:7:13: tracked data 'data.txt' names remote 'bakup', which is not in `remotes:` (known remotes: main, backup): did you mean 'backup'?\n" +
    'hint: `pipe remote add <name> <url>` names one; `pipe remote list` lists them\n';
  for (const args of [['push'], ['pull'], ['fetch'], ['status', '-c']]) {
    const r = await rig.runWith({ env: { PIPE_REMOTE: '' } }, ...args);
    expect([args, r.code, r.stdout, r.stderr]).toEqual([args, 2, '', error]);
  }
});

test('push: and remote: of the wrong type in a .pipe file are errors at their place', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data.txt': 'data\n' });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  const recorded = rig.read('data.txt.pipe');
  rig.write({ 'data.txt.pipe': recorded.replace(/nfiles: 1\n/, 'nfiles: 1\n    push: no-thanks\n') });
  const push = await rig.run('status');
  expect([push.code, push.stdout]).toEqual([2, '']);
  expect(push.stderr).toContain('data.txt.pipe:7:11: outs[0].push must be true or false (false: `pipe push` leaves this data off the remote)');
  rig.write({ 'data.txt.pipe': recorded.replace(/nfiles: 1\n/, 'nfiles: 1\n    remote: 3\n') });
  const remote = await rig.run('status');
  expect([remote.code, remote.stdout]).toEqual([2, '']);
  expect(remote.stderr).toContain('data.txt.pipe:7:13: outs[0].remote must be the name of a remote in `remotes:` (pipe.config.yaml)');
});
