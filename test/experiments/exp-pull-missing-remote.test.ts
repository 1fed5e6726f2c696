// `pipe exp pull` from a remote folder that does not exist (a mistyped path): one error, exit 2,
// nothing written, the hint speaking of the command's own <remote> argument.
import path from 'node:path';
import { expect, test } from 'vitest';
import { freshClone, tempFolder } from './share-project.js';

test('exp pull from a remote that does not exist: exit 2, nothing written', async () => {
  const remote = path.join(tempFolder(), 'no-such-remote');
  const clone = freshClone();
  const r = await clone.run('exp', 'pull', remote, 'big');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    `error: remote ${remote} does not exist\nhint: check the remote the command was given; a new remote is created by the first \`pipe push\`\n`,
  ]);
  expect(clone.exists('metrics/experiments')).toBe(false);
  expect(clone.exists('cache')).toBe(false);
});
