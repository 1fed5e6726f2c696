// `pipe exp push/pull <remote>` route an experiment's objects as `pipe push`/`pull` route a plain
// push's (DVC's exp push pushes the data as `dvc push` does): an output's `remote: NAME` sends its
// objects to, and takes them from, that remote; the record (and the rest) use <remote>.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { freshClone, originWithExperiments, recordFileOf, SHARE_PROJECT, tempFolder } from './share-project.js';

const pinned = (SHARE_PROJECT['pipeline.yaml'] ?? '').replace('outs: [model]', 'outs:\n      - model: {remote: backup}');

/** How many files are under a remote's objects/ folder. */
function objectCount(remote: string): number {
  const dir = path.join(remote, 'objects');
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;
}

test("exp push/pull: an output's remote: takes its objects to and from the remote it names", async () => {
  const base = tempFolder();
  const [team, backup] = [path.join(base, 'team'), path.join(base, 'backup')];
  const files = { 'pipeline.yaml': pinned, 'pipe.config.yaml': `remotes:\n  team: ${team}\n  backup: ${backup}\n` };
  expect(pinned).toContain('- model: {remote: backup}');
  const origin = await originWithExperiments(files);
  const id = path.basename(recordFileOf(origin, 'big'), '.json');

  const pushed = await origin.run('exp', 'push', 'team', 'big');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(pushed.stdout).toMatch(
    new RegExp(
      `^pushed 0 objects \\(0 B\\) and 0 run-cache entries to team \\(${team}\\); already on the remote: 0 objects and 0 run-cache entries\n` +
        `pushed 3 objects \\(\\d+ B\\) to backup \\(${backup}\\) for model \\(\`remote: backup\`\\); already there: 0 objects\n` +
        `sent the record of big as exps/${id}\\.json\n$`,
    ),
  );
  expect([objectCount(team), objectCount(backup)]).toEqual([0, 3]);
  expect(fs.existsSync(path.join(team, 'exps', `${id}.json`))).toBe(true);

  const clone = freshClone(files);
  const pulled = await clone.run('exp', 'pull', 'team', 'big');
  expect([pulled.code, pulled.stderr]).toEqual([0, '']);
  expect(pulled.stdout).toContain(`pulled 3 objects (`);
  expect(pulled.stdout).toContain(`) from backup (${backup}) for model (\`remote: backup\`); already in the local cache: 0 objects\n`);
  const applied = await clone.run('exp', 'apply', 'big');
  expect([applied.code, applied.stderr]).toEqual([0, '']);
  expect(clone.read('model/weights.txt')).toBe('weights for 0.1\n');
  expect(clone.count('train')).toBe(0);
});
