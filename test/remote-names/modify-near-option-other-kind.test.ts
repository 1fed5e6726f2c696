// `pipe remote modify` with a word close to an option only other kinds of remote take: no
// did-you-mean for it (it would be refused next), but what it is and what this remote is.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('remote modify <dir remote> timeout: no did-you-mean for an ssh/http option', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': 'remotes:\n  myr: ../a\n' });
  const r = await rig.run('remote', 'modify', 'myr', 'timeout', '30');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: remote 'myr': unknown option 'timeout' ('timeout_ms' is an option of ssh:// and http(s):// remotes, and myr is a directory remote)\nhint: the options of a directory remote are url\n",
  ]);
  expect(rig.read('pipe.config.yaml')).toBe('remotes:\n  myr: ../a\n');
});
