// `pipe exp push/pull` through an ssh:// remote (the SFTP test server): the records lie in the
// remote's folder as `exps/<id>.json` beside `objects/`, no temp file left, and a fresh clone
// applies an experiment pulled from it without running the stage.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { sshEnv, startSsh } from '../remote/ssh-server.js';
import { shareThrough } from './share-project.js';

test('exp push --all over ssh, exp pull one into a fresh clone, exp apply restores it', async () => {
  const server = await startSsh();
  const { origin, id } = await shareThrough(server.url('/srv/team'), sshEnv(server));
  const exps = path.join(server.dir, 'srv', 'team', 'exps');
  const files = fs.readdirSync(exps).sort();
  expect(files).toHaveLength(3); // two records and their index (for pulls over http)
  expect(files).toContain(`${id}.json`);
  expect(files).toContain('_index.json');
  expect(fs.readFileSync(path.join(exps, `${id}.json`), 'utf8')).toBe(origin.read(`metrics/experiments/${id}.json`));
});
