// `pipe gc -c` deletes from a remote others may share: with no terminal to ask in it refuses,
// exit 2, naming -f, and neither the remote nor the local cache loses anything; `-r` without `-c`
// is refused too, rather than quietly cleaning the local cache alone.
import path from 'node:path';
import { expect, test } from 'vitest';
import { snapshot, tempDir } from './helpers.js';
import { pushedVersions } from './gc-cloud-helpers.js';

test('gc -c without a terminal and without -f refuses and removes nothing', async () => {
  const remote = path.join(tempDir(), 'remote');
  const rig = await pushedVersions(['one\n', 'two!\n'], `remote: ${remote}\n`);
  const before = snapshot(remote);
  const local = snapshot(path.join(rig.dir, 'cache'));

  const r = await rig.run('gc', '-w', '-c');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    'error: `pipe gc -c` deletes cache objects (here and on the remote) for good and asks first, but there is no terminal to ask in; nothing was removed\n' +
      'hint: add -f (--force) to remove without asking: `pipe gc -w -c -f`; add -n (--dry-run) to see what it would remove\n',
  ]);
  expect(snapshot(remote)).toEqual(before);
  expect(snapshot(path.join(rig.dir, 'cache'))).toEqual(local);

  const bare = await rig.run('gc', '-w', '-r', remote, '-f');
  expect([bare.code, bare.stdout, bare.stderr]).toEqual([
    2,
    '',
    'error: -r/--remote names the remote `pipe gc -c` cleans, and -c (--cloud) was not given; nothing was removed\n' +
      `hint: add -c to clean that remote too: \`pipe gc -w -c -r ${remote} -f\`; without -r, \`pipe gc\` cleans the local cache alone\n`,
  ]);
  expect(snapshot(remote)).toEqual(before);
  expect(snapshot(path.join(rig.dir, 'cache'))).toEqual(local);
});
