// `pipe gc -c` in a terminal: it shows what it would remove from the remote (even where the local
// cache has nothing left to remove) and asks; `n` leaves the remote as it was, `y` cleans it.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from 'vitest';
import { PIPE_BIN, type Rig } from '../rig.js';
import { snapshot, tempDir } from './helpers.js';
import { pushedVersions, remoteObjects } from './gc-cloud-helpers.js';

/** `pipe gc -w -c` under a pseudo-terminal (util-linux `script`), answering `answer`. */
function inTerminal(rig: Rig, answer: string): string {
  const r = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(PIPE_BIN)} gc -w -c`, '/dev/null'], { cwd: rig.dir, input: `${answer}\n`, encoding: 'utf8' });
  expect(r.status).toBe(0);
  // the terminal's echo and cursor codes aside
  return r.stdout.replace(/\r/g, '').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
}

test('in a terminal gc -c shows what it would remove from the remote and asks; n keeps it, y removes it', async () => {
  execFileSync('script', ['--version']); // util-linux's script is needed for a terminal
  const remote = path.join(tempDir(), 'remote');
  const rig = await pushedVersions(['one\n', 'two!\n'], `remote: ${remote}\n`);
  expect((await rig.run('gc', '-w', '-f')).code).toBe(0); // the local cache is clean already
  const before = snapshot(remote);

  const plan =
    'Would remove 0 cache objects (0 B) and 0 run-cache entries; 4 objects would be kept (pipeline.lock only).\n' +
    `Would remove 3 objects (204 B) and 1 run-cache entry from the remote ${remote}; 4 objects would be kept there.\n` +
    'Remove them? [y/N] ';
  const no = inTerminal(rig, 'n');
  expect(no).toContain(plan);
  expect(no).toContain('Nothing was removed.\n');
  expect(snapshot(remote)).toEqual(before);

  const yes = inTerminal(rig, 'y');
  expect(yes).toContain(plan);
  expect(yes).toContain(`Removed 3 objects (204 B) and 1 run-cache entry from the remote ${remote}; 4 objects kept there.\n`);
  expect(remoteObjects(remote)).toHaveLength(4);
});
