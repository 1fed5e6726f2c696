// Files under the remote's exps/ that are no record of their own id (a record copied under another
// name, text that is not JSON) are skipped by `exp pull`, a note each naming the file; the good
// records are pulled.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { freshClone, originWithExperiments, recordFileOf, tempFolder } from './share-project.js';

test('exp pull --all skips remote files that are not a record of the id they are named by, with a note each', async () => {
  const remote = path.join(tempFolder(), 'remote');
  const origin = await originWithExperiments();
  const id = path.basename(recordFileOf(origin, 'big'), '.json');
  expect((await origin.run('exp', 'push', remote, 'big')).code).toBe(0);
  const exps = path.join(remote, 'exps');
  fs.copyFileSync(path.join(exps, `${id}.json`), path.join(exps, 'copied.json'));
  fs.writeFileSync(path.join(exps, 'broken.json'), '{"schema_version": 1,');

  const clone = freshClone();
  const r = await clone.run('exp', 'pull', remote, '--all');
  expect(r.code).toBe(0);
  expect(r.stderr).toBe(
    `note: exps/broken.json:1:22: skipped, not valid JSON (expected a property name in double quotes, found the end of the file) (on the remote ${remote})\n` +
      `note: exps/copied.json: skipped, it holds the record of id '${id}' (on the remote ${remote})\n`,
  );
  expect(r.stdout).toMatch(new RegExp(`\nwrote the record of big in metrics/experiments/${id}\\.json\n$`));
  expect(fs.readdirSync(path.join(clone.dir, 'metrics', 'experiments'))).toEqual([`${id}.json`]);
});
