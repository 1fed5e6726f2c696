// `pipe gc -c` with an http(s) remote: HTTP can neither list a remote's files nor delete them, so
// the command is refused, exit 2, before anything is read or removed (the local cache included),
// with -f and -n alike (the .invalid host is never asked: a request would fail otherwise).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { snapshot } from './helpers.js';
import { GC_PIPELINE } from './gc-cloud-helpers.js';
import path from 'node:path';

test('gc -c refuses an http(s) remote and removes nothing', async () => {
  const rig = makeRig({ 'pipeline.yaml': GC_PIPELINE, 'pipe.config.yaml': 'remote: https://cache.example.invalid/team\n' });
  for (const text of ['one\n', 'two!\n']) {
    rig.write({ 'in.txt': text });
    expect((await rig.run('repro')).code).toBe(0);
  }
  const local = snapshot(path.join(rig.dir, 'cache'));
  const said =
    'error: `pipe gc -c` cannot clean the remote https://cache.example.invalid/team: an http(s) remote can neither list nor delete its files; nothing was removed\n' +
    'hint: clean the folder the server serves instead (`pipe gc -c -r <that folder or its ssh:// URL>`), or run `pipe gc` without -c to clean the local cache alone\n';
  for (const flags of [['-f'], ['-n'], []]) {
    const r = await rig.run('gc', '-w', '-c', ...flags);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', said]);
  }
  expect(snapshot(path.join(rig.dir, 'cache'))).toEqual(local);
});
