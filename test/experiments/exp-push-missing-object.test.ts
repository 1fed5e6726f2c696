// `exp push` of an experiment whose output the local cache lost: the objects it has go, the
// record does not (a record on the remote promises its objects are there), exit 1, and the
// problem names the experiment.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { originWithExperiments, tempFolder } from './share-project.js';

test('a missing object keeps the record back, exit 1', async () => {
  const remote = path.join(tempFolder(), 'remote');
  const origin = await originWithExperiments();
  const weights = 'weights for 0.1\n';
  const hash = (await import('node:crypto')).createHash('sha256').update(weights).digest('hex');
  fs.rmSync(path.join(origin.dir, 'cache', 'objects', hash.slice(0, 2), hash.slice(2)));

  const r = await origin.run('exp', 'push', remote, 'big');
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(new RegExp(`^pushed 2 objects \\(\\d+ B\\) and 0 run-cache entries to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n$`));
  expect(r.stderr).toBe(
    `error: object ${hash} (model/weights.txt) of experiment big is not in the local cache, not pushed (run the experiment again with \`pipe exp run\`, or push it from a cache that holds it)\n` +
      "error: no record was pushed (big): not every object they need reached the remote; a teammate's `pipe exp apply` could not restore them\n",
  );
  expect(fs.existsSync(path.join(remote, 'exps'))).toBe(false);
});
