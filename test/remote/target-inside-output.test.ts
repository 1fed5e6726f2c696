// A path inside a stage's output folder, or inside a tracked folder, names that output for push and
// pull (as DVC takes a file inside a tracked folder for a pull); the output moves whole, which a note says.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { MAKE_SUM_PIPELINE, rigRemote } from './helpers.js';

test('pull out/a.txt pulls and checks out the output out of stage make; a file of a tracked folder its folder', async () => {
  const origin = makeRig({ 'pipeline.yaml': MAKE_SUM_PIPELINE, 'data/x.csv': 'x\n', 'data/y.csv': 'y\n' });
  const remote = rigRemote(origin);
  expect((await origin.run('add', 'data')).code).toBe(0);
  expect((await origin.run('repro')).code).toBe(0);
  const pushed = await origin.run('push', 'out/a.txt');
  expect([pushed.code, pushed.stderr]).toEqual([0, "note: out/a.txt lies inside out, an output of stage 'make': that output is taken whole\n"]);
  expect(pushed.stdout).toMatch(/^pushed 3 objects \(\d+ B\) and 1 run-cache entry to /);
  expect((await origin.run('push')).code).toBe(0);

  const clone = makeRig({ 'pipeline.yaml': MAKE_SUM_PIPELINE, 'pipeline.lock': origin.read('pipeline.lock'), 'data.pipe': origin.read('data.pipe'), 'pipe.config.yaml': `remote: ${remote}\n` });
  const pulled = await clone.run('pull', 'out/a.txt');
  expect([pulled.code, pulled.stderr]).toEqual([0, "note: out/a.txt lies inside out, an output of stage 'make': that output is taken whole\n"]);
  expect(pulled.stdout.split('\n').slice(1)).toEqual(['checked out out (make)', '']);
  expect([clone.read('out/a.txt'), clone.read('out/b.txt'), clone.exists('total.txt'), clone.exists('data')]).toEqual(['made\n', 'more\n', false, false]);

  const data = await clone.run('pull', 'data/x.csv');
  expect([data.code, data.stderr]).toEqual([0, 'note: data/x.csv lies inside data, which data.pipe tracks: it is taken whole\n']);
  expect(data.stdout.split('\n').slice(1)).toEqual(['checked out data (data.pipe)', '']);
  expect([clone.read('data/x.csv'), clone.read('data/y.csv'), clone.exists('total.txt')]).toEqual(['x\n', 'y\n', false]);
});
