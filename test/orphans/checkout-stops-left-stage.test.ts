// A stage process a SIGKILLed `pipe repro` left running would overwrite, seconds later, what a
// `pipe checkout` restores. `pipe status` (which takes no lock) warns about it; every command that
// takes the project's lock (checkout here) stops it first, saying so, so what it restores stays.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig, waitFor } from '../rig.js';

// The stage writes its output once the file `go` exists, not after a fixed sleep: on a loaded
// machine a sleep of a few seconds ended before `status` and `checkout` had started, and the
// stage they were to find running had finished.
test('status warns of a stage left running by a killed repro; checkout stops it before restoring', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  a:\n    cmd: while [ ! -f go ]; do sleep 0.05; done; echo ${v} > model.txt\n    outs: [model.txt]\n',
    'params.yaml': 'v: 1\n',
    go: '',
  });
  expect((await rig.run('repro')).code).toBe(0);
  rig.remove('go');
  rig.write({ 'params.yaml': 'v: 2\n' });
  const run = rig.start(['repro']);
  const running = () => (rig.exists('.pipe/running') ? readdirSync(join(rig.dir, '.pipe/running')) : []);
  await waitFor(() => running().length > 0);
  const [pgid] = running();
  run.child.kill('SIGKILL');
  await run.done;
  rig.write({ 'params.yaml': 'v: 1\n' });

  const status = await rig.run('status');
  expect(status.code).toBe(0);
  expect(status.stderr).toBe(`warning: a stage process left running by a \`pipe repro\` that was killed is still running (pid ${pgid}, stage 'a'): it may still write its outputs; the next \`pipe repro\`, \`checkout\`, \`commit\`, \`gc\` or \`pull\` stops it first\n`);

  const checkout = await rig.run('checkout');
  expect([checkout.code, checkout.stdout, checkout.stderr]).toEqual([
    0,
    'a: model.txt: restored from cache\n1 output restored.\n',
    `note: stopped a stage process left running by a \`pipe repro\` that was killed (pid ${pgid}, stage 'a'); its outputs are as that run left them (\`pipe status\` says what to rerun)\n`,
  ]);
  expect(running()).toEqual([]);
  // let a stage still running write v2 (within 50 ms of `go`): what checkout restored stays
  rig.write({ go: '' });
  await new Promise((r) => setTimeout(r, 1000));
  expect(rig.read('model.txt')).toBe('1\n');
  const after = await rig.run('status');
  expect([after.code, after.stderr]).toEqual([0, '']);
});
