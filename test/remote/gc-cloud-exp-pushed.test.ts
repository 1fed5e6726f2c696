// `pipe gc -c` keeps on the remote what the experiment records pushed there (`pipe exp push`,
// `exps/<id>.json`) need, as local records keep theirs, even once the local record is gone: a
// teammate can still `exp pull` and `exp apply` it. What no record or lock needs goes.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { freshClone, originWithExperiments, recordFileOf, tempFolder } from '../experiments/share-project.js';
import { remoteObjects } from './gc-cloud-helpers.js';

test("gc -c keeps the objects of a record pushed to the remote after the local record is removed", async () => {
  const remote = path.join(tempFolder(), 'remote');
  const config = { 'pipe.config.yaml': `remotes:\n  team: ${remote}\nremote: team\n` };
  const origin = await originWithExperiments(config); // big (lr 0.1), then small (lr 0.2) in the workspace
  const big = path.basename(recordFileOf(origin, 'big'), '.json');
  expect((await origin.run('push')).code).toBe(0); // small's objects
  expect((await origin.run('exp', 'push', 'team', 'big')).code).toBe(0); // big's objects and exps/<id>.json
  const mid = await origin.run('exp', 'run', '-S', 'train.lr=0.3', '-n', 'mid');
  expect([mid.code, mid.stderr]).toEqual([0, '']);
  expect((await origin.run('push')).code).toBe(0); // mid's objects
  // model/'s manifest, weights.txt and metrics/train.json (cache: false: pushed for the run-cache) of each of the three, and the config.txt they share
  expect(remoteObjects(remote)).toHaveLength(10);
  for (const name of ['big', 'small']) expect((await origin.run('exp', 'remove', name)).code).toBe(0);

  const gc = await origin.run('gc', '-c', '-f');
  expect([gc.code, gc.stderr]).toEqual([0, '']);
  expect(gc.stdout).toMatch(
    new RegExp(
      // small's and big's manifest, weights.txt and train.json go from the local cache; small's alone from the remote
      `^Removed 6 cache objects \\(\\d+ B\\) and 2 run-cache entries; 4 objects kept \\(pipeline\\.lock and 1 experiment\\)\\.\n` +
        `Removed 3 objects \\(\\d+ B\\) and 1 run-cache entry from the remote team \\(${remote}\\); 7 objects kept there \\(also for 1 experiment record pushed there\\)\\.\n$`,
    ),
  );
  expect(remoteObjects(remote)).toHaveLength(7);
  expect(fs.existsSync(path.join(remote, 'exps', `${big}.json`))).toBe(true);

  // a teammate still gets big whole
  const clone = freshClone(config);
  const pulled = await clone.run('exp', 'pull', 'team', 'big');
  expect([pulled.code, pulled.stderr]).toEqual([0, '']);
  const applied = await clone.run('exp', 'apply', 'big');
  expect([applied.code, applied.stderr]).toEqual([0, '']);
  expect(clone.read('model/weights.txt')).toBe('weights for 0.1\n');
  expect(clone.count('train')).toBe(0);
});
