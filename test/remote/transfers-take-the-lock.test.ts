// `pipe pull`, `pipe fetch` and `pipe push` hold the project's repro lock while they move objects,
// as every command that writes or reads the cache for keeps: while a `pipe repro` runs they are
// refused (exit 1, nothing moved), naming the holder, as `pipe gc` refuses them.
import { expect, test } from 'vitest';
import { makeRig, waitFor } from '../rig.js';
import { rigRemote } from './helpers.js';

test('pull, fetch and push are refused while a repro holds the lock', async () => {
  const rig = makeRig({
    // `slow` runs until the test ends it (a fixed `sleep 30` could end first on a loaded machine,
    // three CLI runs later, and free the lock)
    'pipeline.yaml': 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n  slow:\n    cmd: while [ ! -f go ]; do sleep 0.05; done; echo s > s.txt\n    outs: [s.txt]\n',
  });
  rigRemote(rig);
  expect((await rig.run('repro', 'a')).code).toBe(0);
  expect((await rig.run('push')).code).toBe(0);
  const repro = rig.start(['repro', 'slow']);
  await waitFor(() => rig.exists('.pipe/repro.lock') && rig.read('.pipe/repro.lock').trim() === String(repro.child.pid));
  for (const command of ['pull', 'fetch', 'push']) {
    const r = await rig.run(command);
    expect([command, r.code, r.stdout, r.stderr]).toEqual([command, 1, '', `error: ${rig.dir} is locked by pid ${repro.child.pid} (a \`pipe repro\` is running); try again when it is done\n`]);
  }
  repro.child.kill('SIGINT');
  await repro.done;
  expect((await rig.run('pull')).code).toBe(0);
});
