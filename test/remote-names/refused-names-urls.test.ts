// `pipe remote add` refuses names other than letters, digits, -, _ and . (and `.`/`..`), and a
// URL carrying a password (pipe.config.yaml is committed), as the http transport refuses one read
// from there. Exit 2, nothing written.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('bad names and URLs with a password are refused, the file left as it was', async () => {
  const config = '# ours\nrecord: false\n';
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': config });
  const cases: [string[], string][] = [
    [['a b', '../r'], "error: remote name 'a b' holds characters other than letters, digits, '-', '_' and '.'\nhint: names hold letters, digits, -, _ and . (`storage`, `s3-backup`)\n"],
    [['s/3', '../r'], "error: remote name 's/3' holds characters other than letters, digits, '-', '_' and '.'\nhint: names hold letters, digits, -, _ and . (`storage`, `s3-backup`)\n"],
    [['..', '../r'], "error: remote name '..' is a folder's name (. or ..)\nhint: names hold letters, digits, -, _ and . (`storage`, `s3-backup`)\n"],
    [
      ['web', 'https://me:secret@host/cache'],
      "error: remote 'web': the URL carries a user and password (`user:password@` before the host), and pipe.config.yaml is committed\n" +
        'hint: add https://host/cache and set $PIPE_HTTP_USER and $PIPE_HTTP_PASSWORD (or $PIPE_HTTP_TOKEN for a bearer token) where pipe runs\n',
    ],
    [
      ['box', 'ssh://me:secret@host/cache'],
      "error: remote 'box': the URL carries a user and password (`user:password@` before the host), and pipe.config.yaml is committed\n" +
        'hint: add ssh://host/cache and give the password where pipe runs, not in the URL\n',
    ],
  ];
  for (const [args, stderr] of cases) {
    const r = await rig.run('remote', 'add', ...args);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', stderr]);
  }
  expect(rig.read('pipe.config.yaml')).toBe(config);
});
