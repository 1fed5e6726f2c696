// A stage reading data `pipe add` tracks, in a fresh clone that has only the .pipe file: the pull
// keys the stage on the folder hash its .pipe file records (the pull checks the data out), finds
// the stage's entry through the run-index, and repro restores it from the run-cache, running nothing.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';
import { startHttp } from './http-server.js';
import { env } from './http-run-index-helpers.js';

const pipeline = `stages:
  count:
    cmd: ${counted('count', 'ls data | wc -l > n.txt')}
    deps: [data]
    outs: [n.txt]
`;

test('a stage whose dep is tracked data the clone lacks: its run-cache entry is found and restored', async () => {
  const server = await startHttp();
  const remote = `${server.origin}/p`;
  const config = { 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n` };
  const origin = makeRig({ ...config, 'data/a.csv': 'a\n', 'data/b.csv': 'b\n' });
  expect((await origin.run('add', 'data')).code).toBe(0);
  expect((await origin.run('repro')).code).toBe(0);
  expect((await origin.runWith({ env }, 'push')).code).toBe(0);

  const clone = makeRig({ ...config, 'data.pipe': origin.read('data.pipe') });
  const pulled = await clone.runWith({ env }, 'pull');
  expect([pulled.code, pulled.stderr]).toEqual([0, '']);
  // the folder's manifest and 2 files, n.txt, and count's entry
  expect(pulled.stdout).toMatch(new RegExp(`^pulled 4 objects \\(\\d+ B\\) and 1 run-cache entry from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\n`));
  const repro = await clone.run('repro');
  expect([repro.code, repro.stdout]).toEqual([0, 'count: restored from run-cache\n1 restored from cache.\n']);
  expect([clone.count('count'), clone.read('n.txt')]).toEqual([0, origin.read('n.txt')]);
});
