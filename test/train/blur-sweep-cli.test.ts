// `npm run blur:sweep`: the script, run in a trained temp project, and its refusals.
import { spawnSync } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { readDataset, writeDataset } from '../../src/ml/data/dataset.js';
import { scoreMembers } from '../../src/ml/model/member-scores.js';
import { runTrain } from '../../src/ml/train/run.js';
import { testTimeLeftMs } from '../processes.js';
import { REPO } from '../rig.js';
import { makeProject } from './project.js';

function sweep(cwd: string, ...args: string[]) {
  const tsx = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
  return spawnSync(process.execPath, ['--import', tsx, join(REPO, 'scripts/blur-sweep.ts'), ...args], { encoding: 'utf8', cwd, timeout: testTimeLeftMs() });
}

it('prints a row per σ and one for all of them averaged; σ 0 is the split as ingested', async () => {
  const p = await makeProject({ epochs: 1, ensemble: 2 }, { tta_flip: true, tta_shift: 1 });
  await runTrain(p.train, () => {});
  // the test project's splits are unblurred: its validation split stands in for the ingested data
  await writeDataset(join(p.dir, 'data/dataset'), await readDataset(p.train.val));
  await appendFile(join(p.dir, 'params.yaml'), 'split: { protocol: random, seed: 42, train: 0.7, val: 0.2, test: 0.1, blur: 0, sharp_blur: 1.5, sharp_detail: 2.13 }\n');
  const r = sweep(p.dir, '0', '1.5');
  // the plain-JS backend of the test project makes tfjs print its advice to install tfjs-node
  expect(r.stderr.replace(/^\n=+\nHi, looks like[^\n]*\n=+\n/, '')).toBe('');
  expect(r.status).toBe(0);
  const rows = await scoreMembers(p.train.model, p.train.val, { flip: true, shift: 1, batchSize: 64 });
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines.slice(0, 5)).toEqual([
    `data/split/val: ${p.counts.val} images, those with fine detail above 2.13 blurred by each sigma; data/model; 10 test-time views (params.yaml: split.sharp_blur 1.5)`,
    '',
    "| sigma | loss | accuracy | networks' mean loss |",
    '| ---: | ---: | ---: | ---: |',
    `| 0 | ${rows[2]!.loss.toFixed(4)} | ${rows[2]!.accuracy.toFixed(4)} | ${((rows[0]!.loss + rows[1]!.loss) / 2).toFixed(4)} |`,
  ]);
  expect(lines[5]).toMatch(/^\| 1\.5 \| \d\.\d{4} \| 0\.\d{4} \| \d\.\d{4} \|$/);
  expect(lines[6]).toMatch(/^\| all averaged \| \d\.\d{4} \| 0\.\d{4} \| \d\.\d{4} \|$/);
  expect(lines.length).toBe(7);
});

// every usage error ends with the usage line (scripts/script-args.mjs)
const USAGE = 'usage: npm run blur:sweep -- [--split val|test] [--model DIR] SIGMA...\n';

it.each([
  [[], 'blur:sweep: name at least one SIGMA\n' + USAGE],
  [['--split', 'train', '3'], "blur:sweep: --split takes val or test, got 'train'\n" + USAGE],
  [['three'], "blur:sweep: SIGMA must be a number of pixels from 0 to 8 (as split.sharp_blur), got 'three'\n" + USAGE],
  [['9'], "blur:sweep: SIGMA must be a number of pixels from 0 to 8 (as split.sharp_blur), got '9'\n" + USAGE],
  [['--views', '3'], "blur:sweep: unknown option '--views'\n" + USAGE],
])('refuses %j with exit 2 and says why', (args, message) => {
  const r = sweep(REPO, ...args);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(message);
  expect(r.status).toBe(2);
});

it('a project without an ingested dataset: the failure, exit 1', async () => {
  const p = await makeProject();
  await appendFile(join(p.dir, 'params.yaml'), 'split: { protocol: random, seed: 42, train: 0.7, val: 0.2, test: 0.1, blur: 0, sharp_blur: 3, sharp_detail: 0.2 }\n');
  const r = sweep(p.dir, '3');
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(
    'data/dataset: no dataset here (missing dataset.json)\n' +
      '  recreate it by running the stage that writes it (e.g. `npx pipe repro`, or `npx tsx stages/ingest.ts` then `npx tsx stages/split.ts`)\n',
  );
  expect(r.status).toBe(1);
});
