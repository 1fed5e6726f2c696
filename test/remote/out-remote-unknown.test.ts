// `remote:` on an output naming no remote of `remotes:`: push, pull and status -c stop before
// moving anything, exit 2, at the line and column of the name, listing the known remotes.
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { tempFolder } from '../experiments/share-project.js';

const pipeline = 'stages:\n  train:\n    cmd: echo model > model.bin\n    outs:\n      - model.bin: {remote: bakup}\n';

test('remote: an unknown remote name is an error at its place in pipeline.yaml', async () => {
  const base = tempFolder();
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remotes:\n  main: ${path.join(base, 'main')}\n  backup: ${path.join(base, 'backup')}\nremote: main\n` });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const error =
    "error: pipeline.yaml:5:29: output 'model.bin' names remote 'bakup', which is not in `remotes:` (known remotes: main, backup): did you mean 'backup'?\n" +
    'hint: `pipe remote add <name> <url>` names one; `pipe remote list` lists them\n';
  for (const args of [['push'], ['pull'], ['fetch'], ['status', '-c']]) {
    const r = await rig.runWith({ env: { PIPE_REMOTE: '' } }, ...args);
    expect([args, r.code, r.stdout, r.stderr]).toEqual([args, 2, '', error]);
  }
});
