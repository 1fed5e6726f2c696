// Turning experiment records off: `pipe repro --no-record` for one run, `record: false` in
// pipe.config.yaml for every plain repro (`--record` turns it back on for one run), and
// `pipe exp run` records whatever the config says, since recording is what it is for.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

function records(dir: string): number {
  try {
    return readdirSync(join(dir, 'metrics/experiments')).filter((n) => n.endsWith('.json')).length;
  } catch {
    return 0;
  }
}

const pipeline = `stages:\n  a:\n    cmd: ${JSON.stringify(counted('a', 'echo a > a.txt'))}\n    outs: [a.txt]\n`;

test('--no-record writes no record; a plain repro still does', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('repro', '--no-record');
  expect([r.code, r.stderr, records(rig.dir), rig.exists('metrics')]).toEqual([0, '', 0, false]);
  expect((await rig.run('repro', '-f')).code).toBe(0);
  expect([rig.count('a'), records(rig.dir)]).toEqual([2, 1]);
});

test('record: false in pipe.config.yaml: no record from repro, one with --record, one from exp run', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': 'record: false\n' });
  expect((await rig.run('repro')).code).toBe(0);
  expect([rig.count('a'), records(rig.dir)]).toEqual([1, 0]);
  expect((await rig.run('repro', '-f', '--record')).code).toBe(0);
  expect([rig.count('a'), records(rig.dir)]).toEqual([2, 1]);
  rig.write({ 'pipeline.yaml': pipeline.replace('echo a', 'echo b') });
  const exp = await rig.run('exp', 'run', '-n', 'tried');
  expect([exp.code, rig.count('a'), records(rig.dir)]).toEqual([0, 3, 2]);
});

test('a record: value that is not true or false is named, and the run records as by default', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': 'remote: ../r\nrecord: nope\n' });
  const r = await rig.run('repro');
  expect([r.code, r.stderr, records(rig.dir)]).toEqual([0, 'warning: pipe.config.yaml:2:9: `record` must be true or false; recorded the experiment as by default\n', 1]);
});

test('a key pipe.config.yaml holds that pipe does not read is named, with the known key it is near', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': 'recrod: false\nfoo: 1\n' });
  const r = await rig.run('repro');
  expect([r.code, r.stderr, records(rig.dir)]).toEqual([0,
    "warning: pipe.config.yaml:1:1: unknown key 'recrod', not read: did you mean 'record'? (pipe reads `remote`, `remotes`, `record` and `cache`)\n" +
      "warning: pipe.config.yaml:2:1: unknown key 'foo', not read (pipe reads `remote`, `remotes`, `record` and `cache`; a newer pipe may read it: upgrade pipe to use it)\n",
    1]);
});
