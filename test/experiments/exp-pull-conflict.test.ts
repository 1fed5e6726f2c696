// A record that differs between the two sides is never overwritten silently: `exp pull` refuses
// when the local record of the same id differs from the remote's, `exp push` when the remote's
// differs from the local one (exit 1, nothing moved, both files as they were); --force replaces it.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { freshClone, originWithExperiments, recordFileOf, tempFolder } from './share-project.js';

test('exp pull and exp push refuse to replace a different record without --force', async () => {
  const remote = path.join(tempFolder(), 'remote');
  const origin = await originWithExperiments();
  const record = recordFileOf(origin, 'big');
  const id = path.basename(record, '.json');
  const onRemote = path.join(remote, 'exps', `${id}.json`);
  expect((await origin.run('exp', 'push', remote, 'big')).code).toBe(0);
  const theirs = origin.read(record);

  // the clone's own copy of the record, edited by hand
  const clone = freshClone();
  expect((await clone.run('exp', 'pull', remote, 'big')).code).toBe(0);
  const mine = theirs.replace('"duration_ms": ', '"duration_ms": 1');
  expect(mine).not.toBe(theirs);
  clone.write({ [`metrics/experiments/${id}.json`]: mine });
  fs.rmSync(path.join(clone.dir, 'cache'), { recursive: true });

  const pull = await clone.run('exp', 'pull', remote, 'big');
  expect([pull.code, pull.stdout, pull.stderr]).toEqual([
    1,
    '',
    `error: the local record of big (metrics/experiments/${id}.json) differs from the one the remote ${remote} holds: nothing was pulled\n` +
      `hint: \`pipe exp pull --force ${remote} ${id}\` replaces yours with the remote's (yours is lost unless git holds it)\n`,
  ]);
  expect(clone.read(`metrics/experiments/${id}.json`)).toBe(mine);
  expect(clone.exists('cache')).toBe(false);

  // the clone pushes its copy: the remote holds another
  const push = await clone.run('exp', 'push', remote, 'big');
  expect([push.code, push.stdout, push.stderr]).toEqual([
    1,
    '',
    `error: the remote ${remote} holds a different record of big (exps/${id}.json): nothing was pushed\n` +
      `hint: \`pipe exp push --force ${remote} ${id}\` replaces the remote's with yours (the remote's is lost)\n`,
  ]);
  expect(fs.readFileSync(onRemote, 'utf8')).toBe(theirs);

  const forced = await clone.run('exp', 'pull', '--force', remote, 'big');
  expect([forced.code, forced.stderr]).toEqual([0, '']);
  expect(forced.stdout).toMatch(new RegExp(`\nreplaced the record of big in metrics/experiments/${id}\\.json\n$`));
  expect(clone.read(`metrics/experiments/${id}.json`)).toBe(theirs);

  origin.write({ [record]: mine });
  const pushForced = await origin.run('exp', 'push', '-f', remote, 'big');
  expect([pushForced.code, pushForced.stderr]).toEqual([0, '']);
  expect(pushForced.stdout).toMatch(new RegExp(`\nreplaced the record of big as exps/${id}\\.json\n$`));
  expect(fs.readFileSync(onRemote, 'utf8')).toBe(mine);
});
