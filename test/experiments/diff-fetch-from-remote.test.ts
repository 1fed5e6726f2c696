// `pipe metrics diff REV` / `plots diff REV` where REV's cached metrics and plots files are not in
// this clone's cache but on the remote (a CI clone of a PR branch comparing with main): they are
// fetched into the local cache from the default remote, with a note saying so, and compared; the
// next diff reads them from the cache. Datasets of that revision are not fetched.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { addDefaultRemote, env, git, gitInit, push, twoRevisions } from './diff-fetch-project.js';

test('metrics and plots diff fetch a revision\'s cached files from the remote', async () => {
  const rig = makeRig({
    'params.yaml': 'lr: 1\n',
    'pipeline.yaml': `stages:\n  t:\n    cmd: >-\n      echo "{\\"acc\\": \${lr}}" > m.json; printf 'x,y\\n1,\${lr}\\n' > h.csv; echo \${lr} > big.bin\n    params: [lr]\n    outs: [big.bin]\n    metrics: [m.json]\n    plots: [h.csv]\n`,
  });
  gitInit(rig);
  const remote = await addDefaultRemote(rig);
  await twoRevisions(rig, { afterFirst: () => push(rig) });

  const m = await rig.runWith({ env }, 'metrics', 'diff', 'HEAD~1');
  expect([m.code, m.stdout, m.stderr]).toEqual([
    0,
    'Path    Metric  HEAD~1  workspace  Change\nm.json  acc     1       2          +1\n',
    `note: fetched m.json at HEAD~1 from the remote storage (${remote}) into the local cache (that revision's pipeline.lock names it)\n`,
  ]);
  const again = await rig.runWith({ env }, 'metrics', 'diff', 'HEAD~1');
  expect([again.code, again.stderr]).toEqual([0, 'note: m.json at HEAD~1: read from the cache (pipeline.lock at that revision)\n']);

  const p = await rig.runWith({ env }, 'plots', 'diff', 'HEAD~1', '-o', 'out');
  expect([p.code, p.stderr]).toEqual([0, `note: fetched h.csv at HEAD~1 from the remote storage (${remote}) into the local cache (that revision's pipeline.lock names it)\n`]);
  expect(rig.read('out/index.html')).toContain('HEAD~1');

  // the revision's data (big.bin) stays on the remote; the workspace is as it was
  const lock = git(rig.dir, 'show', 'HEAD~1:pipeline.lock');
  const cached = (path: string) => {
    const hash = new RegExp(`path: ${path}\\n\\s+hash: (\\w+)`).exec(lock)?.[1] ?? 'none';
    return rig.exists(`cache/objects/${hash.slice(0, 2)}/${hash.slice(2)}`);
  };
  expect([cached('m.json'), cached('h.csv'), cached('big.bin')]).toEqual([true, true, false]);
  expect(rig.read('m.json')).toBe('{"acc": 2}\n');
});
