// The project of the `pipe exp push/pull` tests: one counted stage whose folder output (a manifest
// and two files) and `cache: false` metrics depend on train.lr, two experiments recorded in an
// origin project, a folder remote outside both, and a fresh clone of the origin's committed files.
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { counted, makeRig, type Rig } from '../rig.js';
import { commitAll, gitInit } from './helpers.js';

export const SHARE_PROJECT: Record<string, string> = {
  'pipeline.yaml': `stages:
  train:
    cmd: ${counted('train', 'node train.js')}
    deps: [train.js]
    params: [train.lr]
    outs: [model]
    metrics:
      - metrics/train.json:
          cache: false
`,
  'params.yaml': 'train:\n  lr: 0.01\n',
  'train.js': `const fs = require('fs');
const lr = Number(/lr: ([0-9.e-]+)/.exec(fs.readFileSync('params.yaml', 'utf8'))[1]);
fs.mkdirSync('model', { recursive: true });
fs.mkdirSync('metrics', { recursive: true });
fs.writeFileSync('model/weights.txt', 'weights for ' + lr + '\\n');
fs.writeFileSync('model/config.txt', 'config\\n');
fs.writeFileSync('metrics/train.json', JSON.stringify({ acc: 0.5 - lr }));
`,
};

/** An empty temp folder, removed when the test ends. */
export function tempFolder(): string {
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'pipe-exp-remote-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The origin project with experiments `big` (lr 0.1) and `small` (lr 0.2) recorded, `small` in the workspace. */
export async function originWithExperiments(more: Record<string, string> = {}): Promise<Rig> {
  const origin = makeRig({ ...SHARE_PROJECT, ...more });
  for (const [lr, name] of [['0.1', 'big'], ['0.2', 'small']] as const) {
    const r = await origin.run('exp', 'run', '-S', `train.lr=${lr}`, '-n', name);
    expect([r.code, r.stderr]).toEqual([0, '']);
  }
  expect(origin.count('train')).toBe(2);
  return origin;
}

/**
 * A teammate's clone: a git repository of the files the origin commits (no cache, records, outputs
 * or pipeline.lock yet), so `exp apply` finds params.yaml's values saved in a commit.
 */
export function freshClone(more: Record<string, string> = {}): Rig {
  const clone = makeRig({ ...SHARE_PROJECT, ...more, '.gitignore': '/.pipe/\n/cache/\n/.count-*\n/model\n' });
  gitInit(clone.dir);
  commitAll(clone.dir, 'clone');
  return clone;
}

/** The one record file in metrics/experiments/ named `name`'s, by its id. */
export function recordFileOf(rig: Rig, name: string): string {
  const dir = path.join(rig.dir, 'metrics', 'experiments');
  const file = fs.readdirSync(dir).find((f) => (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { name: string }).name === name);
  if (file === undefined) throw new Error(`no record of ${name}`);
  return `metrics/experiments/${file}`;
}

/**
 * `exp push --all` from an origin with big and small, then `exp pull <remote> big` and `exp apply
 * big` in a fresh clone, all through `remote` with `env` (an s3 or ssh test server's), asserting
 * each step; returns the two projects and big's id.
 */
export async function shareThrough(remote: string, env: Record<string, string>): Promise<{ origin: Rig; clone: Rig; id: string }> {
  const run = { env };
  const origin = await originWithExperiments();
  const id = path.basename(recordFileOf(origin, 'big'), '.json');
  // big's and small's model/ folders: a manifest and a weights file each, one config file for both
  const pushed = await origin.runWith(run, 'exp', 'push', remote, '--all');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(pushed.stdout).toMatch(new RegExp(`^pushed 5 objects \\(\\d+ B\\) and 0 run-cache entries to ${remote}; already on the remote: 0 objects and 0 run-cache entries\nsent the record of big as exps/${id}\\.json\nsent the record of small as exps/[0-9-a-f]+\\.json\n$`));

  const clone = freshClone();
  const pulled = await clone.runWith(run, 'exp', 'pull', remote, 'big');
  expect([pulled.code, pulled.stderr]).toEqual([0, '']);
  expect(pulled.stdout).toMatch(new RegExp(`^pulled 3 objects \\(\\d+ B\\) and 0 run-cache entries from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\nwrote the record of big in metrics/experiments/${id}\\.json\n$`));
  expect(clone.read(`metrics/experiments/${id}.json`)).toBe(origin.read(`metrics/experiments/${id}.json`));

  const applied = await clone.runWith(run, 'exp', 'apply', 'big');
  expect([applied.code, applied.stderr]).toEqual([0, '']);
  expect(clone.read('model/weights.txt')).toBe('weights for 0.1\n');
  expect(clone.read('metrics/train.json')).toBe(JSON.stringify({ acc: 0.4 }));
  expect(clone.count('train')).toBe(0);
  return { origin, clone, id };
}

/**
 * A teammate's project (SHARE_PROJECT plus `config`) that ran `exp run -S train.lr=<lr> -n lr05`:
 * two of them make two experiments of the same name, as two clones do.
 */
export async function teammateLr05(config: Record<string, string>, lr: string): Promise<{ rig: Rig; id: string; created: string }> {
  const rig = makeRig({ ...SHARE_PROJECT, ...config });
  const r = await rig.run('exp', 'run', '-S', `train.lr=${lr}`, '-n', 'lr05');
  expect([r.code, r.stderr]).toEqual([0, '']);
  const record = JSON.parse(rig.read(recordFileOf(rig, 'lr05'))) as { id: string; created: string };
  return { rig, id: record.id, created: record.created };
}
