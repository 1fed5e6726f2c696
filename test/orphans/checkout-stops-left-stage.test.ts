// A stage process a SIGKILLed `pipe repro` left running would overwrite, seconds later, what a
// `pipe checkout` restores. `pipe status` (which takes no lock) warns about it; every command that
// takes the project's lock (checkout here) stops it first, saying so, so what it restores stays.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig, waitFor } from '../rig.js';

test('status warns of a stage left running by a killed repro; checkout stops it before restoring', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  a:\n    cmd: sleep 3 && echo ${v} > model.txt\n    outs: [model.txt]\n',
    'params.yaml': 'v: 1\n',
  });
  expect((await rig.run('repro')).code).toBe(0);
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
  // past the time the stage would have written v2: what checkout restored stays
  await new Promise((r) => setTimeout(r, 3500));
  expect(rig.read('model.txt')).toBe('1\n');
  const after = await rig.run('status');
  expect([after.code, after.stderr]).toEqual([0, '']);
});
