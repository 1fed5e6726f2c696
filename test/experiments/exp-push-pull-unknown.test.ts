// `pipe exp push/pull` with a name that matches no experiment: exit 2, nothing moved, and a "did
// you mean" from the local records (push) or the remote's (pull); with neither names nor --all, a
// usage error.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { freshClone, originWithExperiments, tempFolder } from './share-project.js';

test('unknown names are refused with exit 2 and the closest name, on each side; no names is a usage error', async () => {
  const remote = path.join(tempFolder(), 'remote');
  const origin = await originWithExperiments();

  const push = await origin.run('exp', 'push', remote, 'bigg');
  expect([push.code, push.stdout, push.stderr]).toEqual([2, '', "error: no experiment with id or name 'bigg'; did you mean 'big'?\nhint: list them with `pipe exp show`\n"]);
  expect(fs.existsSync(remote)).toBe(false);

  const none = await origin.run('exp', 'push', remote);
  expect([none.code, none.stdout, none.stderr]).toEqual([2, '', 'error: name the experiments to push, or pass --all\nhint: list them with `pipe exp show`\n']);
  const both = await origin.run('exp', 'push', remote, '--all', 'big');
  expect([both.code, both.stderr]).toEqual([2, 'error: give experiment names or --all, not both\n']);

  expect((await origin.run('exp', 'push', remote, '--all')).code).toBe(0);
  const clone = freshClone();
  const pull = await clone.run('exp', 'pull', remote, 'smal');
  expect([pull.code, pull.stdout, pull.stderr]).toEqual([2, '', `error: the remote ${remote} holds no experiment with id or name 'smal'; did you mean 'small'?\nhint: it holds 2 records: big, small\n`]);
  expect(clone.exists('metrics/experiments')).toBe(false);
  expect(clone.exists('cache')).toBe(false);

  const unnamed = await clone.run('exp', 'pull', remote);
  expect([unnamed.code, unnamed.stderr]).toEqual([2, `error: name the experiments to pull, or pass --all\nhint: \`pipe exp pull ${remote} --all\` takes every record the remote holds\n`]);
});
