// A pipe.config.yaml that does not parse, or whose `remotes:` is not a table of names to URLs, is
// refused at its line by every `pipe remote` command (nothing written) and by a push naming a
// remote; a push to a path (not a name) still goes, as before.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n';
const env = { PIPE_REMOTE: '' };

test('a YAML error is refused with its location, nothing written', async () => {
  const broken = 'remotes:\n  storage: ../a\n bad\n';
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': broken });
  const error = 'error: pipe.config.yaml:3:1: YAML syntax error: All mapping items must start at the same column\nhint: fix pipe.config.yaml at that line\n';
  for (const args of [['add', 'x', '../x'], ['list'], ['remove', 'storage'], ['default'], ['default', 'storage'], ['rename', 'storage', 'x']]) {
    const r = await rig.run('remote', ...args);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', error]);
  }
  expect(rig.read('pipe.config.yaml')).toBe(broken);
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  // a name cannot be told from a folder while the file does not read; a path still goes
  const byName = await rig.runWith({ env }, 'push', '-r', 'storage');
  expect([byName.code, byName.stdout, byName.stderr]).toEqual([2, '', error]);
  const byPath = await rig.runWith({ env }, 'push', '-r', '../elsewhere');
  expect([byPath.code, byPath.stderr]).toEqual([0, '']);
});

test('a malformed remotes: table is refused at its line', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': 'record: false\nremotes:\n  storage: ../a\n  bad: 1\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const list = await rig.run('remote', 'list');
  expect([list.code, list.stderr]).toEqual([2, "error: pipe.config.yaml:4:8: remote 'bad' must be a directory path or a URL, or a mapping with `url:` and options\nhint: write `remotes:` then one line per remote, `  storage: ../pipe-remote`\n"]);
  const push = await rig.runWith({ env }, 'push', '-r', 'storage');
  expect([push.code, push.stderr]).toEqual([2, "error: pipe.config.yaml:4:8: remote 'bad' must be a directory path or a URL, or a mapping with `url:` and options\nhint: write `remotes:` then one line per remote, `  storage: ../pipe-remote`\n"]);
  const byPath = await rig.runWith({ env }, 'push', '-r', '../elsewhere');
  expect([byPath.code, byPath.stderr]).toEqual([0, '']);
  rig.write({ 'pipe.config.yaml': 'remotes: [a, b]\n' });
  const notTable = await rig.run('remote', 'add', 'x', '../x');
  expect([notTable.code, notTable.stderr]).toEqual([2, 'error: pipe.config.yaml:1:10: `remotes` must be a mapping of remote names to URLs or directories\nhint: write `remotes:` then one line per remote, `  storage: ../pipe-remote`\n']);
  expect(rig.read('pipe.config.yaml')).toBe('remotes: [a, b]\n');
});
