// -a/-T/-A read git: outside a repository (or before its first commit) push, fetch and pull say
// so, as `pipe gc` does, and move nothing; targets cannot be given with them.
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { snapshot, tempDir } from './helpers.js';

test('push/fetch/pull -a/-T/-A outside git are refused', { timeout: 90_000 }, async () => {
  const remote = path.join(tempDir(), 'remote');
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  up:\n    cmd: tr a-z A-Z < in.txt > out.txt\n    deps: [in.txt]\n    outs: [out.txt]\n',
    'pipe.config.yaml': `remote: ${remote}\nrecord: false\n`,
    'in.txt': 'main\n',
  });
  expect((await rig.run('repro', '-q')).code).toBe(0);
  for (const [cmd, flag, long] of [['push', '-a', '--all-branches'], ['fetch', '-T', '--all-tags'], ['pull', '-A', '--all-commits']] as const) {
    const r = await rig.run(cmd, flag);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: ${long}: this project is not in a git repository with a commit\nhint: run \`pipe ${cmd}\` without it\n`]);
  }
  expect(snapshot(remote)).toEqual({});
  const targets = await rig.run('push', '-a', 'up');
  expect([targets.code, targets.stdout, targets.stderr]).toEqual([2, '', "error: -a/-T/-A push every stage's outputs and all tracked data of each revision; targets (up) cannot be given with them\nhint: run `pipe push` with the targets alone, or the flags alone\n"]);
});
