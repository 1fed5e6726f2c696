// A clone whose params differ from pipeline.lock but match a run the team pushed: `repro --pull`
// over http computes the keys of the params it has, finds that run's entries through their
// run-index, and restores both stages from the run-cache without running them (report's key from
// the model.txt of train's entry, not from the lock's). Entries whose content was changed on the
// server are rejected on arrival, as objects are.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { startHttp } from './http-server.js';
import { TRAIN_REPORT_PIPELINE as pipeline, env, filesUnder } from './http-run-index-helpers.js';

test('params matching a pushed run: repro --pull restores from the run-cache over http, running nothing', async () => {
  const server = await startHttp();
  const remote = `${server.origin}/cache`;
  const config = { 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n` };
  const origin = makeRig({ ...config, 'params.yaml': 'lr: 0.2\n' });
  expect((await origin.run('repro')).code).toBe(0);
  expect((await origin.runWith({ env }, 'push')).code).toBe(0);
  origin.write({ 'params.yaml': 'lr: 0.1\n' });
  expect((await origin.run('repro')).code).toBe(0);
  const pushed = await origin.runWith({ env }, 'push');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  // runs of both params: 2 entries each push, under 4 keys
  expect(pushed.stdout).toMatch(new RegExp(`^pushed 2 objects \\(\\d+ B\\) and 2 run-cache entries to ${remote}; already on the remote: 2 objects and 2 run-cache entries\n$`));

  // the committed lock is lr 0.1's; this clone goes back to 0.2
  const clone = makeRig({ ...config, 'params.yaml': 'lr: 0.2\n', 'pipeline.lock': origin.read('pipeline.lock') });
  const repro = await clone.runWith({ env }, 'repro', '--pull');
  expect([repro.code, repro.stderr]).toEqual([0, '']);
  // the lock's 2 objects and the 0.2 run's 2, and its 2 entries
  expect(repro.stdout).toMatch(new RegExp(`^pulled 4 objects \\(\\d+ B\\) and 2 run-cache entries from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\ntrain: restored from run-cache\nreport: restored from run-cache\n2 restored from cache\\.\n$`));
  expect([clone.count('train'), clone.count('report')]).toEqual([0, 0]);
  expect([clone.read('model.txt'), clone.read('report.txt')]).toEqual(['lr: 0.2\n', 'lr: 0.2\nreported\n']);

  // train's 0.2 entry changed on the server: rejected, not stored; report's key is then unknown
  const files = filesUnder(path.join(server.dir, 'cache/runs'));
  const train = Object.keys(files).find((f) => files[f]?.includes('"stage":"train"') === true && entryOf(clone.dir, f));
  if (train === undefined) throw new Error('no train entry of lr 0.2 on the server');
  fs.writeFileSync(path.join(server.dir, 'cache/runs', train), (files[train] ?? '').replace('"createdAt":"', '"createdAt":"1'));
  const other = makeRig({ ...config, 'params.yaml': 'lr: 0.2\n', 'pipeline.lock': origin.read('pipeline.lock') });
  const pulled = await other.runWith({ env }, 'pull');
  const id = train.replace('/', ''); // <key>/<id>
  expect([pulled.code, pulled.stderr]).toEqual([
    1,
    `note: run-cache entries of stage report are not looked for on ${remote}: an http(s) remote cannot be listed, and their inputs are not known before the pull (a dep missing, or made by a stage that neither pipeline.lock nor the run-cache restores)\n` +
      `error: remote run-cache entry ${id} is malformed or does not match its id; not stored (where a run-cache holds it, \`pipe push --force\` sends it again)\n`,
  ]);
  expect(fs.existsSync(path.join(other.dir, 'cache/runs', train))).toBe(false);
});

/** Whether the clone's run-cache holds the entry at `rel` (`<hh>/<rest>/<id>`): the one it pulled. */
function entryOf(root: string, rel: string): boolean {
  return fs.existsSync(path.join(root, 'cache/runs', rel));
}
