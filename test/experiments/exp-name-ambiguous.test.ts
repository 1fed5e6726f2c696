// Two local records named `lr05` (a teammate's pulled beside one's own): a command given the name
// takes neither, exit 2, listing both by id, creation time and commit, oldest first, as DVC refuses
// an ambiguous experiment name; the ids always work, and once one record is removed the name names the other.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { commitAll, gitInit } from './helpers.js';
import { recordFileOf, SHARE_PROJECT } from './share-project.js';

test('apply, branch, remove, show and metrics diff refuse a name two records hold; the ids work', async () => {
  const rig = makeRig({ ...SHARE_PROJECT, '.gitignore': '/.pipe/\n/cache/\n/.count-*\n/model\n' });
  gitInit(rig.dir);
  commitAll(rig.dir, 'start');
  const rev = (await import('node:child_process')).execFileSync('git', ['rev-parse', 'HEAD'], { cwd: rig.dir, encoding: 'utf8' }).trim();
  expect((await rig.run('exp', 'run', '-S', 'train.lr=0.3', '-n', 'lr05')).code).toBe(0);
  const mineFile = recordFileOf(rig, 'lr05');
  const mine = JSON.parse(rig.read(mineFile)) as { id: string; created: string };
  // a teammate's lr05, pulled by a pipe that did not refuse it: same record, another id and lr
  const theirs = { ...mine, id: '20261101-120000-beef', created: '2026-11-01T12:00:00.000Z', params: { train: { lr: 0.5 } } };
  fs.writeFileSync(path.join(rig.dir, 'metrics/experiments', `${theirs.id}.json`), JSON.stringify(theirs, null, 2));

  const message =
    `error: experiment name 'lr05' is ambiguous: 2 experiments have it: ${theirs.id} (created ${theirs.created}, commit ${rev.slice(0, 7)}), ${mine.id} (created ${mine.created}, commit ${rev.slice(0, 7)})\n` +
    'hint: name the one you mean by its id\n';
  for (const args of [['exp', 'apply', 'lr05'], ['exp', 'branch', 'lr05', 'b'], ['exp', 'remove', 'lr05'], ['exp', 'show', 'lr05'], ['metrics', 'diff', 'lr05']]) {
    const r = await rig.run(...args);
    expect([args.join(' '), r.code, r.stdout, r.stderr]).toEqual([args.join(' '), 2, '', message]);
  }
  expect(rig.read('params.yaml')).toBe('train:\n  lr: 0.3\n');
  expect(fs.readdirSync(path.join(rig.dir, 'metrics/experiments')).length).toBe(2);

  const applied = await rig.run('exp', 'apply', theirs.id);
  expect([applied.code, applied.stderr]).toEqual([0, '']);
  expect(rig.read('params.yaml')).toBe('train:\n  lr: 0.5\n');

  const removed = await rig.run('exp', 'remove', theirs.id);
  expect([removed.code, removed.stdout]).toEqual([0, `removed lr05 (metrics/experiments/${theirs.id}.json)\n`]);
  expect(removed.stderr.split('\n')[0]).toBe(`note: 'lr05' now names ${mine.id} alone, the one record of that name left`);
  const again = await rig.run('exp', 'apply', '--force', 'lr05');
  expect([again.code, again.stderr]).toEqual([0, '']);
  expect(rig.read('params.yaml')).toBe('train:\n  lr: 0.3\n');
});
