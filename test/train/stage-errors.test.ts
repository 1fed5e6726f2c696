// The train stage script as `pipe repro` runs it: bad input ends it with a located message and
// the documented exit code (2: bad params, 1: missing or bad data), no stack trace.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { REPO } from '../rig.js';
import { TINY_TRAIN } from './project.js';

function runTrainStage(params: string, args: string[] = []): { code: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-train-stage-'));
  writeFileSync(join(dir, 'params.yaml'), params);
  const tsx = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
  const r = spawnSync(process.execPath, ['--import', tsx, join(REPO, 'stages/train.ts'), ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stderr: r.stderr.replace(/\n=+\nHi, looks like[^\n]*\n=+\n/, '') };
}

function installed(pkg: string): boolean {
  try {
    createRequire(join(REPO, 'package.json')).resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

describe('train stage failures', () => {
  it('a bad param: exit 2, the key and its line', () => {
    const r = runTrainStage('train:\n  epochs: 0\n');
    expect(r).toEqual({ code: 2, stderr: 'params.yaml:2:11: train.epochs must be an integer >= 1 and <= 100000, got 0\n' });
  });

  it.skipIf(installed('@tensorflow/tfjs-node-gpu'))('a forced backend that is not installed: exit 2, naming the package', () => {
    const r = runTrainStage(stringify({ train: { ...TINY_TRAIN, backend: 'tensorflow-gpu' } }));
    expect(r).toEqual({
      code: 2,
      stderr:
        "params.yaml (train.backend): train.backend is 'tensorflow-gpu' but it cannot be used: tensorflow-gpu: " +
        '@tensorflow/tfjs-node-gpu is not installed. Install it or set train.backend: auto in params.yaml.\n',
    });
  });

  it.each([
    [['--seed', 'x1'], "stages/train.ts: --seed must be a whole number from 0 to 2147483646, got 'x1'\n  check the foreach list train.seeds in params.yaml\n"],
    [['--seed=-3'], "stages/train.ts: --seed must be a whole number from 0 to 2147483646, got '-3'\n  check the foreach list train.seeds in params.yaml\n"],
    [['--seeds', '3'], "stages/train.ts: Unknown option '--seeds'\n  usage: stages/train.ts [--seed N]\n"],
  ])('%j: exit 2 before anything is read', (args, stderr) => {
    expect(runTrainStage(stringify({ train: TINY_TRAIN }), args)).toEqual({ code: 2, stderr });
  });

  it('no split data yet: exit 1, naming the folder and how to make it', () => {
    const r = runTrainStage(stringify({ train: TINY_TRAIN }));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'data/split/train: no dataset here (missing dataset.json)\n' +
        '  recreate it by running the stage that writes it (e.g. `npx pipe repro`, or `npx tsx stages/ingest.ts` then `npx tsx stages/split.ts`)\n',
    );
  });
});
