// Two teammates' experiments of the same name: `exp push` of carol's `lr05` to a remote that holds
// bob's `lr05` (another id) is refused, exit 1, nothing sent, naming both records and the fix, as
// DVC's exp push refuses an experiment name the remote has; `--force` sends hers and deletes his there.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { tempFolder, teammateLr05 as teammate } from './share-project.js';

test('a name the remote holds for another experiment: refused, nothing sent; --force replaces it there', async () => {
  const remote = path.join(tempFolder(), 'remote');
  const config = { 'pipe.config.yaml': `remotes:\n  team: ${remote}\n` };
  const bob = await teammate(config, '0.1');
  const carol = await teammate(config, '0.3');
  expect((await bob.rig.run('exp', 'push', 'team', 'lr05')).code).toBe(0);
  const objects = () => fs.readdirSync(path.join(remote, 'objects'), { recursive: true }).length;
  const before = objects();

  const refused = await carol.rig.run('exp', 'push', 'team', 'lr05');
  expect([refused.code, refused.stdout, refused.stderr]).toEqual([
    1,
    '',
    `error: the remote ${remote} holds another experiment named 'lr05': ${bob.id} (created ${bob.created}); yours is ${carol.id} (created ${carol.created}): nothing was pushed\n` +
      'hint: `pipe exp push --force team lr05` replaces it there with yours (the remote\'s record is lost there); or give yours another name (its "name" in metrics/experiments/) and push again\n',
  ]);
  expect(fs.readdirSync(path.join(remote, 'exps')).sort()).toEqual([`${bob.id}.json`, '_index.json']);
  expect(objects()).toBe(before);

  const forced = await carol.rig.run('exp', 'push', '--force', 'team', 'lr05');
  expect(forced.code).toBe(0);
  expect(forced.stdout).toMatch(new RegExp(`\nsent the record of lr05 as exps/${carol.id}\\.json\n$`));
  expect(forced.stderr).toBe(`note: removed exps/${bob.id}.json from the remote, the other record named 'lr05' (created ${bob.created})\n`);
  expect(fs.readdirSync(path.join(remote, 'exps')).sort()).toEqual([`${carol.id}.json`, '_index.json']);

  // bob's push again is the refused one now, naming carol's
  const back = await bob.rig.run('exp', 'push', 'team', 'lr05');
  expect([back.code, back.stderr.split('\n')[0]]).toEqual([1, `error: the remote ${remote} holds another experiment named 'lr05': ${carol.id} (created ${carol.created}); yours is ${bob.id} (created ${bob.created}): nothing was pushed`]);
});
