// `pipe exp run --dry`: everything a run checks first, then what `pipe repro --dry` would say with
// the -S values; nothing runs, no params file is written (not even touched), nothing is recorded.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig, type Rig } from '../rig.js';

const PARAMS = 'train:\n  lr: 0.1   # the learning rate\n  epochs: 2\n';
const PIPELINE = `stages:
  prep:
    cmd: ${counted('prep', 'echo x > prep.txt')}
    outs: [prep.txt]
  train:
    cmd: ${counted('train', 'echo lr ${train.lr} > model.txt')}
    deps: [prep.txt]
    params: [train.lr]
    outs: [model.txt]
`;

/** Every file of the project but pipe's local state (.pipe/), with its bytes and mtime. */
function snapshot(rig: Rig): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      const rel = relative(rig.dir, p);
      if (rel === '.pipe') continue;
      if (e.isDirectory()) walk(p);
      else files[rel] = `${statSync(p).mtimeMs} ${readFileSync(p, 'utf8')}`;
    }
  };
  walk(rig.dir);
  return files;
}

async function ranOnce(): Promise<Rig> {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE, 'params.yaml': PARAMS });
  expect((await rig.run('exp', 'run', '-n', 'first')).code).toBe(0);
  expect([rig.count('prep'), rig.count('train')]).toEqual([1, 1]);
  return rig;
}

test('with -S: says what would run with the value, and changes nothing at all', async () => {
  const rig = await ranOnce();
  const before = snapshot(rig);
  const r = await rig.run('exp', 'run', '--dry', '-S', 'train.lr=0.2', '-n', 'second');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    "prep: up to date\ntrain: would run (cmd changed, param 'train.lr' changed)\n1 would run, 1 up to date.\n",
    'note: dry run: with -S train.lr=0.2, params.yaml left as it is, nothing run and no experiment recorded\n',
  ]);
  // params.yaml byte for byte and untouched (mtime), no record, no lock or output written
  expect(snapshot(rig)).toEqual(before);
  expect(rig.read('params.yaml')).toBe(PARAMS);
  expect(readdirSync(join(rig.dir, 'metrics/experiments'))).toHaveLength(1);
  expect([rig.count('prep'), rig.count('train')]).toEqual([1, 1]);
  // the same -S for real runs what the dry run said
  const real = await rig.run('exp', 'run', '-S', 'train.lr=0.2', '-n', 'second');
  expect(real.code).toBe(0);
  expect([rig.count('prep'), rig.count('train')]).toEqual([1, 2]);
});

test('without -S, and with -f: as `pipe repro --dry` and `pipe repro --dry -f` say it', async () => {
  const rig = await ranOnce();
  const plain = await rig.run('exp', 'run', '--dry');
  expect([plain.code, plain.stdout, plain.stderr]).toEqual([0, 'prep: up to date\ntrain: up to date\nEverything is up to date.\n', 'note: dry run: nothing run and no experiment recorded\n']);
  const forced = await rig.run('exp', 'run', '--dry', '-f', 'train');
  expect([forced.code, forced.stdout]).toEqual([0, "prep: would run (forced)\ntrain: would run (upstream stage 'prep' will run, forced)\n2 would run.\n"]);
  expect(forced.stdout).toBe((await rig.run('repro', '--dry', '-f', 'train')).stdout);
  expect([rig.count('prep'), rig.count('train')]).toEqual([1, 1]);
});

test('what a run would refuse, a dry run refuses too (exit 2), params.yaml as it was', async () => {
  const rig = await ranOnce();
  const before = snapshot(rig);
  const typo = await rig.run('exp', 'run', '--dry', '-S', 'train.lrr=0.2');
  expect([typo.code, typo.stdout]).toEqual([2, '']);
  expect(typo.stderr).toMatch(/^error: unknown param 'train\.lrr'/);
  const taken = await rig.run('exp', 'run', '--dry', '-S', 'train.lr=0.2', '-n', 'first');
  expect([taken.code, taken.stdout]).toEqual([2, '']);
  expect(taken.stderr).toMatch(/^error: experiment name 'first' is already used by \d{8}-\d{6}-[0-9a-f]{4}\nhint: choose another name with -n\n$/);
  expect(snapshot(rig)).toEqual(before);
});

test('--dry with --temp or --queue is refused before anything is made', async () => {
  const rig = await ranOnce();
  for (const mode of ['--temp', '--queue']) {
    const r = await rig.run('exp', 'run', '--dry', mode, '-S', 'train.lr=0.2');
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: option '--dry' cannot be used with option '${mode}'\n(run \`pipe exp run --help\` for usage)\n`]);
  }
  expect(rig.exists('.pipe/exps')).toBe(false);
  expect(rig.read('params.yaml')).toBe(PARAMS);
});
