// `pipe exp push <remote> big` then, in a fresh clone, `pipe exp pull <remote> big`: the record
// and the objects its outputs need travel through a folder remote named in `remotes:`, `exp show`
// lists it, and `exp apply big` restores its outputs without running the stage.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { freshClone, originWithExperiments, recordFileOf, tempFolder } from './share-project.js';

test('exp push, then exp pull into a fresh clone: exp apply restores the outputs without running a stage', async () => {
  const remote = path.join(tempFolder(), 'remote');
  const config = { 'pipe.config.yaml': `remotes:\n  team: ${remote}\n` };
  const origin = await originWithExperiments(config);
  const record = recordFileOf(origin, 'big');
  const id = path.basename(record, '.json');

  // big's objects: model/'s manifest and its two files (metrics/train.json is cache: false, in the record)
  const pushed = await origin.run('exp', 'push', 'team', 'big');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(pushed.stdout).toMatch(new RegExp(`^pushed 3 objects \\(\\d+ B\\) and 0 run-cache entries to team \\(${remote}\\); already on the remote: 0 objects and 0 run-cache entries\nsent the record of big as exps/${id}\\.json\n$`));
  expect(fs.readFileSync(path.join(remote, 'exps', `${id}.json`), 'utf8')).toBe(origin.read(record));
  // small was not named; the index (for pulls over http) names the record sent
  expect(fs.readdirSync(path.join(remote, 'exps')).sort()).toEqual([`${id}.json`, '_index.json']);
  expect(fs.readFileSync(path.join(remote, 'exps', '_index.json'), 'utf8')).toBe(`{"files":["${id}.json"],"v":1}`);

  const again = await origin.run('exp', 'push', 'team', 'big');
  expect([again.code, again.stderr]).toEqual([0, '']);
  expect(again.stdout).toBe(`pushed 0 objects (0 B) and 0 run-cache entries to team (${remote}); already on the remote: 3 objects and 0 run-cache entries\nthe remote already holds the record of big (exps/${id}.json)\n`);

  const clone = freshClone(config);
  const pulled = await clone.run('exp', 'pull', 'team', 'big');
  expect([pulled.code, pulled.stderr]).toEqual([0, '']);
  expect(pulled.stdout).toMatch(new RegExp(`^pulled 3 objects \\(\\d+ B\\) and 0 run-cache entries from team \\(${remote}\\); already in the local cache: 0 objects and 0 run-cache entries\nwrote the record of big in metrics/experiments/${id}\\.json\n$`));
  expect(clone.read(`metrics/experiments/${id}.json`)).toBe(origin.read(record));
  const show = await clone.run('exp', 'show');
  expect(show.code).toBe(0);
  // the workspace and main rows, then big, recorded before the origin's first commit: no baseline, flat
  expect(show.stdout).toMatch(/^Experiment +Created +acc +train\.lr\nworkspace +- +- +0\.01\nmain +\S+ \S+ +- +0\.01\nbig +\S+ \S+ +0\.4 +0\.1\n$/);

  const applied = await clone.run('exp', 'apply', 'big');
  expect([applied.code, applied.stderr]).toEqual([0, '']);
  expect(applied.stdout).toContain('restored the outputs of big\n');
  expect(clone.count('train')).toBe(0);
  expect(clone.read('params.yaml')).toBe('train:\n  lr: 0.1\n');
  expect(clone.read('model/weights.txt')).toBe('weights for 0.1\n');
  expect(clone.read('model/config.txt')).toBe('config\n');
  expect(clone.read('metrics/train.json')).toBe(JSON.stringify({ acc: 0.4 }));
  const status = await clone.run('status');
  expect([status.code, status.stdout]).toEqual([0, 'Everything is up to date.\n']);
  expect(clone.count('train')).toBe(0);

  // pulled again: nothing to move, the record already the remote's
  const twice = await clone.run('exp', 'pull', 'team', 'big');
  expect([twice.code, twice.stderr]).toEqual([0, '']);
  expect(twice.stdout).toBe(`pulled 0 objects (0 B) and 0 run-cache entries from team (${remote}); already in the local cache: 3 objects and 0 run-cache entries\nmetrics/experiments/${id}.json already holds the remote's record of big\n`);
});
