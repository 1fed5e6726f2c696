// `pipe push --glob`, `pipe pull --glob`, `pipe status -c --glob`: the patterns match the stage
// names pipeline.lock records, as the plain names do there; a pattern matching none is exit 2.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { GLOB_PIPELINE } from '../cli/glob-pipeline.js';
import { rigRemote } from './helpers.js';

test('push, status -c and pull take the stages the patterns match', async () => {
  const origin = makeRig({ 'pipeline.yaml': GLOB_PIPELINE });
  const remote = rigRemote(origin);
  expect((await origin.run('repro')).code).toBe(0);
  const pushed = await origin.run('push', '--glob', 'sweep@0.001-*');
  expect(pushed.stderr).toBe('');
  expect(pushed.stdout).toMatch(/^pushed 2 objects \(\d+ B\) and 2 run-cache entries to .+-remote; already on the remote: 0 objects and 0 run-cache entries\n$/);
  const cloud = await origin.run('status', '-c', '--glob', 'sweep@*-42');
  expect(cloud.stdout).toBe(`s-0.01-42.txt (sweep@0.01-42): not on the remote: \`pipe push\` sends it\n1 output out of sync with ${remote}: 1 not on the remote; 1 in sync.\n`);

  const clone = makeRig({ 'pipeline.yaml': GLOB_PIPELINE, 'pipeline.lock': origin.read('pipeline.lock'), 'pipe.config.yaml': `remote: ${remote}\n` });
  const pulled = await clone.run('pull', '--glob', '*@0.001-4[3]');
  expect(pulled.stdout).toMatch(/^pulled 1 object \(\d+ B\) and 1 run-cache entry from .+-remote; already in the local cache: 0 objects and 0 run-cache entries\nchecked out s-0\.001-43\.txt \(sweep@0\.001-43\)\n$/);
  // only that copy's output came (and was checked out): the others are not in the clone's cache
  const out = await clone.run('checkout', '--glob', 'sweep@*');
  expect(out.stdout).toBe('sweep@0.001-43: s-0.001-43.txt: up to date\n0 outputs restored.\n');
  expect(out.stderr.split('\n').filter(Boolean).map((l) => l.split(':')[0])).toEqual(['sweep@0.001-42', 'sweep@0.01-42', 'sweep@0.01-43']);
});

test('a pattern that matches no stage in pipeline.lock is exit 2, and nothing moves', async () => {
  const rig = makeRig({ 'pipeline.yaml': GLOB_PIPELINE });
  const remote = rigRemote(rig);
  expect((await rig.run('repro', 'other')).code).toBe(0);
  for (const cmd of [['push'], ['pull'], ['status', '-c']]) {
    const r = await rig.run(...cmd, '--glob', 'sweep@*');
    expect([cmd, r.code, r.stdout, r.stderr]).toEqual([
      cmd,
      2,
      '',
      "error: --glob pattern 'sweep@*' matches no stage in pipeline.lock (stages: other)\nhint: a stage not run yet is not in pipeline.lock: run `pipe repro` first\n",
    ]);
  }
  expect(rig.exists(`../${remote.split('/').pop()}`)).toBe(false);
});
