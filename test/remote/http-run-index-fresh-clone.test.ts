// Run-cache entries over an http remote: a push writes, per run-cache key, the run-index
// `run-index/<hh>/<rest>.json` naming its entries, so a fresh clone with no pipeline.lock finds
// them by the keys it computes (train's from its cmd and params, report's from the model.txt that
// train's entry records) and `pipe repro` restores both stages from the run-cache, running nothing
// (after `pipe pull`, `pipe fetch`, or within `pipe repro --pull`).
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { startHttp } from './http-server.js';
import { TRAIN_REPORT_PIPELINE as pipeline, env, filesUnder } from './http-run-index-helpers.js';

test('a fresh clone without pipeline.lock pulls the run-cache entries over http and repro runs no stage', async () => {
  const server = await startHttp();
  const remote = `${server.origin}/team/p`;
  const config = { 'pipeline.yaml': pipeline, 'params.yaml': 'lr: 0.1\n', 'pipe.config.yaml': `remote: ${remote}\n` };
  const origin = makeRig(config);
  expect((await origin.run('repro')).code).toBe(0);
  const pushed = await origin.runWith({ env }, 'push');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(pushed.stdout).toMatch(new RegExp(`^pushed 2 objects \\(\\d+ B\\) and 2 run-cache entries to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n$`));

  // one index per key, naming the one entry stored under that key's folder
  const files = filesUnder(path.join(server.dir, 'team/p'));
  const indexes = Object.keys(files).filter((f) => f.startsWith('run-index/')).sort();
  const entries = Object.keys(files).filter((f) => f.startsWith('runs/')).sort();
  expect([indexes.length, entries.length]).toEqual([2, 2]);
  for (const entry of entries) {
    const [, shard, rest, id] = entry.split('/');
    expect(files[`run-index/${shard}/${rest}.json`]).toBe(`{"ids":["${id}"],"v":1}`);
  }

  const clone = makeRig(config);
  const pulled = await clone.runWith({ env }, 'pull');
  expect([pulled.code, pulled.stderr]).toEqual([0, '']);
  expect(pulled.stdout).toMatch(new RegExp(`^pulled 2 objects \\(\\d+ B\\) and 2 run-cache entries from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\n$`));
  const repro = await clone.run('repro');
  expect([repro.code, repro.stdout, repro.stderr]).toEqual([0, 'train: restored from run-cache\nreport: restored from run-cache\n2 restored from cache.\n', '']);
  expect([clone.count('train'), clone.count('report')]).toEqual([0, 0]);
  expect(clone.read('report.txt')).toBe('lr: 0.1\nreported\n');

  // the same with `repro --pull` alone
  const second = makeRig(config);
  const both = await second.runWith({ env }, 'repro', '--pull');
  expect([both.code, both.stderr]).toEqual([0, '']);
  expect(both.stdout).toMatch(new RegExp(`^pulled 2 objects \\(\\d+ B\\) and 2 run-cache entries from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\ntrain: restored from run-cache\nreport: restored from run-cache\n2 restored from cache\\.\n$`));
  expect([second.count('train'), second.count('report'), second.read('report.txt')]).toEqual([0, 0, 'lr: 0.1\nreported\n']);

  // and with `pipe fetch`, into the cache alone
  const third = makeRig(config);
  const fetched = await third.runWith({ env }, 'fetch');
  expect([fetched.code, fetched.stderr]).toEqual([0, '']);
  expect(fetched.stdout).toMatch(new RegExp(`^fetched 2 objects \\(\\d+ B\\) and 2 run-cache entries from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\n$`));
  expect((await third.run('repro')).stdout).toBe('train: restored from run-cache\nreport: restored from run-cache\n2 restored from cache.\n');
  expect([third.count('train'), third.count('report')]).toEqual([0, 0]);
});
