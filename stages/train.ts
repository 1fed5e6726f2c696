// Stage `train`. With `--seed N` (the shipped pipeline's per-seed copies, train@N) it fits one
// network seeded N on data/split/train (validating on data/split/val) and writes
// data/members/N/, metrics/members/N.json and metrics/members/N_history.json; the `ensemble`
// stage then gathers the networks train.seeds lists. Without it, the train.ensemble networks
// seeded train.seed, + 1000, ... into data/model/, metrics/train.json, metrics/train_history.json.
import { parseArgs } from 'node:util';
import { EXIT_BAD_PARAMS, FailureError } from '../src/ml/failure.js';
import { runStage } from '../src/ml/stage-main.js';
import { memberPaths, runTrain } from '../src/ml/train/run.js';

runStage(async () => {
  const seed = seedOption(process.argv.slice(2));
  if (seed === undefined) await runTrain();
  else await runTrain(memberPaths(seed), undefined, undefined, { seed });
  // the threaded wasm backend's worker pool can keep Node alive: end explicitly
  process.exit(process.exitCode ?? 0);
});

function seedOption(args: string[]): number | undefined {
  let value: string | undefined;
  try {
    value = parseArgs({ args, options: { seed: { type: 'string' } }, strict: true }).values.seed;
  } catch (err) {
    throw new FailureError({ where: 'stages/train.ts', message: (err as Error).message, hint: 'usage: stages/train.ts [--seed N]' }, EXIT_BAD_PARAMS);
  }
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n > 2 ** 31 - 2) {
    throw new FailureError(
      { where: 'stages/train.ts', message: `--seed must be a whole number from 0 to ${2 ** 31 - 2}, got '${value}'`, hint: 'check the foreach list train.seeds in params.yaml' },
      EXIT_BAD_PARAMS,
    );
  }
  return n;
}
