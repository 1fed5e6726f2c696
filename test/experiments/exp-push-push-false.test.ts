// `pipe exp push` leaves the objects of an output marked `push: false` off the remote, as `pipe
// push` does (DVC's exp push pushes as `dvc push`), says so, and still sends the record: what the
// record needs from the remote is all there.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { originWithExperiments, recordFileOf, SHARE_PROJECT, tempFolder } from './share-project.js';

const kept = (SHARE_PROJECT['pipeline.yaml'] ?? '').replace('outs: [model]', 'outs:\n      - model: {push: false}');

test('exp push: an output marked push: false is not sent; the record is', async () => {
  const remote = path.join(tempFolder(), 'remote');
  expect(kept).toContain('- model: {push: false}');
  const origin = await originWithExperiments({ 'pipeline.yaml': kept });
  const id = path.basename(recordFileOf(origin, 'big'), '.json');
  const pushed = await origin.run('exp', 'push', remote, 'big');
  expect(pushed.code).toBe(0);
  expect(pushed.stderr).toBe('note: not pushed: 1 output marked `push: false` in pipeline.yaml (model)\n');
  expect(pushed.stdout).toBe(`pushed 0 objects (0 B) and 0 run-cache entries to ${remote}; already on the remote: 0 objects and 0 run-cache entries\nsent the record of big as exps/${id}.json\n`);
  expect(fs.existsSync(path.join(remote, 'objects'))).toBe(false);
  expect(fs.readdirSync(path.join(remote, 'exps')).sort()).toEqual([`${id}.json`, '_index.json']);
});
