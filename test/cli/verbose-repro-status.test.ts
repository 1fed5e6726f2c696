// `-v` on repro and status (DVC's debug lines): for each stage, on stderr, each part of its
// fingerprint compared with pipeline.lock (cmd, deps with how their hash was had: read, from the
// stat cache, or a folder's listing as recorded; params; outputs when looked at), the decision
// and the run-cache key, then each command line run and how long it took. stdout is exactly
// what it is without -v.
import { createHash } from 'node:crypto';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig, type Rig } from '../rig.js';

const h = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);
/** older than the stat cache's racy window, so that its hash is remembered */
const age = (rig: Rig, ...paths: string[]): void => {
  const then = new Date(Date.now() - 3600_000);
  for (const p of paths) utimesSync(join(rig.dir, p), then, then);
};
/** the run-cache key, a folder's hash and the time a command took vary: named, not asserted */
const steady = (text: string): string =>
  text.replace(/run-cache key [0-9a-f]{8}/g, 'run-cache key KEY').replace(/[0-9a-f]{8}\.dir/g, 'DIR.dir').replace(/after \d+\.\d{3}s/g, 'after Ns');

test('repro -v and status -v say what was compared, how each hash was had, what was run and for how long', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  a:\n    cmd: cat data/* in.txt > out.txt\n    deps: [in.txt, data]\n    params: [lr]\n    outs: [out.txt]\n',
    'params.yaml': 'lr: 0.1\n',
    'in.txt': 'one\n',
    'data/x': 'x\n',
    'data/y': 'y\n',
  });
  age(rig, 'in.txt', 'data/x', 'data/y');
  const first = await rig.run('repro', '-v', '--no-record');
  expect([first.code, first.stdout.replace(/\(\d+\.\ds\)/, '(Ns)')]).toEqual([0, 'a: running (never ran)\na: ran (Ns)\n1 ran.\n']);
  expect(steady(first.stderr)).toBe(
    "debug: a: cmd 'cat data/* in.txt > out.txt', not in pipeline.lock\n" +
      `debug: a: dep 'in.txt' ${h('one\n')} (read), not in pipeline.lock\n` +
      "debug: a: dep 'data' DIR.dir (folder of 2 files: 2 read, 0 from the stat cache), not in pipeline.lock\n" +
      "debug: a: param 'params.yaml:lr' 0.1, not in pipeline.lock\n" +
      'debug: a: decided: run (run-cache key KEY)\n' +
      'debug: a: $ cat data/* in.txt > out.txt\n' +
      'debug: a: exit code 0 after Ns\n',
  );

  age(rig, 'out.txt');
  const same = await rig.run('status', '-v');
  expect([same.code, same.stdout]).toEqual([0, 'Everything is up to date.\n']);
  expect(steady(same.stderr)).toBe(
    "debug: a: cmd 'cat data/* in.txt > out.txt', as pipeline.lock records\n" +
      `debug: a: dep 'in.txt' ${h('one\n')} (from the stat cache), as pipeline.lock records\n` +
      "debug: a: dep 'data' DIR.dir (folder of 2 files: listing as recorded, none read), as pipeline.lock records\n" +
      "debug: a: param 'params.yaml:lr' 0.1, as pipeline.lock records\n" +
      `debug: a: out 'out.txt' ${h('x\ny\none\n')} (read), as pipeline.lock records\n` +
      'debug: a: decided: up to date (run-cache key KEY)\n',
  );

  rig.write({ 'data/y': 'z\n', 'params.yaml': 'lr: 0.2\n' });
  age(rig, 'data/y');
  const changed = await rig.run('-v', 'status');
  expect([changed.code, changed.stdout]).toEqual([0, "a: would run (dep 'data' changed, param 'lr' changed)\n1 would run.\n"]);
  expect(steady(changed.stderr)).toBe(
    "debug: a: cmd 'cat data/* in.txt > out.txt', as pipeline.lock records\n" +
      `debug: a: dep 'in.txt' ${h('one\n')} (from the stat cache), as pipeline.lock records\n` +
      "debug: a: dep 'data' DIR.dir (folder of 2 files: 1 read, 1 from the stat cache), differs from pipeline.lock's DIR.dir\n" +
      "debug: a: param 'params.yaml:lr' 0.2, differs from pipeline.lock's 0.1\n" +
      'debug: a: decided: run (run-cache key KEY)\n',
  );
  // without -v: not a line more
  const quiet = await rig.run('status');
  expect([quiet.stdout, quiet.stderr]).toEqual([changed.stdout, '']);
});

test('repro -v of a stage with two commands times each; --json keeps its stdout lines and the debug lines go to stderr', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  b:\n    cmd:\n      - echo one > b.txt\n      - echo two >> b.txt\n    outs: [b.txt]\n' });
  const r = await rig.run('repro', '-v', '--json', '--no-record');
  expect(r.code).toBe(0);
  expect(r.stdout.split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { type: string }).type)).toEqual(['stage-start', 'stage-done', 'result']);
  expect(steady(r.stderr)).toBe(
    "debug: b: cmd 'echo one > b.txt && echo two >> b.txt', not in pipeline.lock\n" +
      'debug: b: decided: run (run-cache key KEY)\n' +
      'debug: b: $ echo one > b.txt\n' +
      'debug: b: exit code 0 after Ns\n' +
      'debug: b: $ echo two >> b.txt\n' +
      'debug: b: exit code 0 after Ns\n',
  );
});
