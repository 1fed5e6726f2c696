// An http remote whose run-cache entries have no run-index (pushed by a pipe from before it): a
// fresh clone's pull is not an error; it says which stages' entries it could not find, and repro
// runs them. The next push from a clone holding the entries (sending nothing else) writes the
// indexes, after which a fresh clone restores from the run-cache.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { startHttp } from './http-server.js';
import { TRAIN_REPORT_PIPELINE as pipeline, env } from './http-run-index-helpers.js';

test('no run-index on the remote: a note and the stages run; a later push writes it', async () => {
  const server = await startHttp();
  const remote = `${server.origin}/old`;
  const config = { 'pipeline.yaml': pipeline, 'params.yaml': 'lr: 0.1\n', 'pipe.config.yaml': `remote: ${remote}\n` };
  const origin = makeRig(config);
  expect((await origin.run('repro')).code).toBe(0);
  expect((await origin.runWith({ env }, 'push')).code).toBe(0);
  // as an older pipe left it: objects and entries, no index
  fs.rmSync(path.join(server.dir, 'old/run-index'), { recursive: true });

  const clone = makeRig(config);
  const pulled = await clone.runWith({ env }, 'pull');
  expect([pulled.code, pulled.stdout, pulled.stderr]).toEqual([
    0,
    `pulled 0 objects (0 B) and 0 run-cache entries from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\n`,
    `note: run-cache entries for the current inputs of stage train are not pulled from ${remote}: an http(s) remote cannot be listed, and it has no run-index for them (none were pushed, or only by a pipe from before the run-index or not over http(s): a \`pipe push\` to it from a clone holding them writes one); the outputs pipeline.lock records are pulled\n` +
      `note: run-cache entries of stage report are not looked for on ${remote}: an http(s) remote cannot be listed, and their inputs are not known before the pull (a dep missing, or made by a stage that neither pipeline.lock nor the run-cache restores)\n`,
  ]);
  expect((await clone.run('repro')).code).toBe(0);
  expect([clone.count('train'), clone.count('report')]).toEqual([1, 1]);

  // the origin's next push finds everything on the remote and only writes the two indexes
  const before = server.requests.length;
  const again = await origin.runWith({ env }, 'push');
  expect([again.code, again.stdout, again.stderr]).toEqual([0, `pushed 0 objects (0 B) and 0 run-cache entries to ${remote}; already on the remote: 2 objects and 2 run-cache entries\n`, '']);
  const puts = server.requests.slice(before).filter((r) => r.startsWith('PUT'));
  expect(puts.map((r) => r.replace(/^PUT \/old\/run-index\/[0-9a-f]{2}\/[0-9a-f]{62}\.json$/, 'an index'))).toEqual(['an index', 'an index']);

  const fresh = makeRig(config);
  const repro = await fresh.runWith({ env }, 'repro', '--pull');
  expect([repro.code, repro.stderr]).toEqual([0, '']);
  expect(repro.stdout).toMatch(/ and 2 run-cache entries from .*\ntrain: restored from run-cache\nreport: restored from run-cache\n/);
  expect([fresh.count('train'), fresh.count('report')]).toEqual([0, 0]);
});
