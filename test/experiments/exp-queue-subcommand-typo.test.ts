// `exp queue`'s default subcommand is `list`: a mistyped subcommand must not reach it as an
// argument ("too many arguments for 'list'") but be named as unknown, with a did-you-mean.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('a mistyped exp queue subcommand gets a did-you-mean; list keeps its own errors', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  const strat = await rig.run('exp', 'queue', 'strat');
  expect(strat.code).toBe(2);
  expect(strat.stdout).toBe('');
  expect(strat.stderr).toBe("error: unknown command 'strat'\n(Did you mean start?)\n(run `pipe exp queue --help` for usage)\n");
  const log = await rig.run('exp', 'queue', 'log', 'shift4');
  expect(log.code).toBe(2);
  expect(log.stderr).toBe("error: unknown command 'log'\n(Did you mean logs?)\n(run `pipe exp queue --help` for usage)\n");
  // nothing near enough: still named as a command, not as list's argument
  const stop = await rig.run('exp', 'queue', 'stop');
  expect(stop.code).toBe(2);
  expect(stop.stderr).toBe("error: unknown command 'stop'\n(run `pipe exp queue --help` for usage)\n");
  // `list` typed out, and the bare group, are as before
  const extra = await rig.run('exp', 'queue', 'list', 'x');
  expect(extra.code).toBe(2);
  expect(extra.stderr).toBe("error: too many arguments for 'list'. Expected 0 arguments but got 1.\n(run `pipe exp queue list --help` for usage)\n");
  const bare = await rig.run('exp', 'queue');
  expect(bare.code).toBe(0);
  expect(bare.stderr).toBe('note: nothing is queued: `pipe exp run --queue` queues an experiment\n');
});
