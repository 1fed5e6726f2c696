// A remote holding two records named `lr05` (pushed by a pipe from before `exp push` refused a name
// the remote has): `exp pull <remote> lr05` takes neither, exit 2, listing both by id and creation
// time and saying to pull by id; the id pulls that one.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { freshClone, tempFolder, teammateLr05 as teammate } from './share-project.js';

test('a name two remote records hold: exit 2, nothing pulled, both listed; the id pulls one', async () => {
  const remote = path.join(tempFolder(), 'remote');
  const config = { 'pipe.config.yaml': `remotes:\n  team: ${remote}\n` };
  const bob = await teammate(config, '0.1');
  const carol = await teammate(config, '0.3');
  expect((await bob.rig.run('exp', 'push', 'team', 'lr05')).code).toBe(0);
  // carol's, as an older pipe sent it: record and objects beside bob's
  expect((await carol.rig.run('push', '-r', remote)).code).toBe(0);
  fs.copyFileSync(path.join(carol.rig.dir, 'metrics/experiments', `${carol.id}.json`), path.join(remote, 'exps', `${carol.id}.json`));

  const erin = freshClone(config);
  const refused = await erin.run('exp', 'pull', 'team', 'lr05');
  expect([refused.code, refused.stdout, refused.stderr]).toEqual([
    2,
    '',
    `error: the remote ${remote} holds 2 experiments named 'lr05': ${bob.id} (created ${bob.created}), ${carol.id} (created ${carol.created})\n` +
      'hint: pull the one you mean by its id: `pipe exp pull team <id>`; or `--all` takes them all\n',
  ]);
  expect(fs.existsSync(path.join(erin.dir, 'metrics/experiments'))).toBe(false);

  const byId = await erin.run('exp', 'pull', 'team', bob.id);
  expect([byId.code, byId.stderr]).toEqual([0, '']);
  expect(byId.stdout).toMatch(new RegExp(`\nwrote the record of lr05 in metrics/experiments/${bob.id}\\.json\n$`));
  expect(fs.readdirSync(path.join(erin.dir, 'metrics/experiments'))).toEqual([`${bob.id}.json`]);
});
