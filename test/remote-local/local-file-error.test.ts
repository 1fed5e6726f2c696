// A mistake in pipe.config.local.yaml is an error at its line, as one in pipe.config.yaml is: a
// YAML syntax error, a key the local file does not hold, a local entry of options alone whose
// remote pipe.config.yaml does not have; push and the remote commands alike, nothing written.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const committed = 'remotes:\n  nas: ../nas\nremote: nas\n';

test.each([
  ['remotes:\n  nas: [oops\n', 'error: pipe.config.local.yaml:3:1: YAML syntax error:'],
  ['remotes:\n  nas: ../mine\nrecord: false\n', "error: pipe.config.local.yaml:3:9: unknown key 'record' (pipe.config.local.yaml holds remote, remotes and cache alone)\nhint: write other settings in pipe.config.yaml, or remove the key\n"],
  ['remots:\n  nas: ../mine\n', "error: pipe.config.local.yaml:2:3: unknown key 'remots': did you mean 'remotes'? (pipe.config.local.yaml holds remote, remotes and cache alone)\nhint: rename it to remotes\n"],
  ['remotes:\n  nsa:\n    port: 22\n', "error: pipe.config.local.yaml:3:5: remote 'nsa' has no `url`, and pipe.config.yaml has no remote of that name to take it from\nhint: write `url: <directory or URL>` under `nsa:` (`pipe remote modify --local nsa url <url>`)\n"],
])('%j is refused at its line', async (local, said) => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': committed, 'pipe.config.local.yaml': local });
  for (const args of [['push'], ['remote', 'list'], ['remote', 'add', '--local', 'x', '../x']]) {
    const r = await rig.runWith({ env: { PIPE_REMOTE: '' } }, ...args);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(said)).toBe(true);
  }
  expect(rig.read('pipe.config.local.yaml')).toBe(local);
});
