// `npm run blur:sweep -- [--split val|test] [--model DIR] SIGMA...` (after `npx pipe repro`)
//
// The trained model (data/model, one network or an ensemble) scored on the validation split
// (or `--split test`, after the fact) with its sharp images blurred by each SIGMA in turn
// instead of split.sharp_blur's σ (src/ml/model/blur-sweep.ts): the images are taken unblurred
// from data/dataset, and the ones above split.sharp_detail blurred as the split stage would
// (then every image by split.blur, when it is not 0).
// Test-time views, batch size and backend as params.yaml's evaluate section. Prints a Markdown
// table: per σ the averaged networks' loss and accuracy and the networks' mean loss, and with
// several σ a last row for all of them averaged. The σ to choose is the one with the lowest
// validation loss; `-S split.sharp_blur=σ` with `pipe exp run` then retrains on it.
import { readDataset } from '../src/ml/data/dataset.js';
import { startBackend } from '../src/ml/backend/start.js';
import { FailureError } from '../src/ml/failure.js';
import { blurSweep, unblurredSplit } from '../src/ml/model/blur-sweep.js';
import { evaluateSection } from '../src/ml/params/evaluate.js';
import { PARAMS_FILE, requireParams } from '../src/ml/params/load.js';
import { splitSection } from '../src/ml/params/split.js';
import { parseScriptArgs, usageError } from './script-args.mjs';

const NAME = 'blur:sweep';
const USAGE = 'usage: npm run blur:sweep -- [--split val|test] [--model DIR] SIGMA...';

const { values, positionals } = parseScriptArgs({
  name: NAME,
  usage: USAGE,
  options: { split: { type: 'string', default: 'val' }, model: { type: 'string', default: 'data/model' } },
  allowPositionals: true,
});
const split = values.split;
if (split !== 'val' && split !== 'test') usageError(NAME, USAGE, `--split takes val or test, got '${split}'`);
const modelDir = values.model;
const sigmas = positionals.map((a) => {
  const s = Number(a);
  if (a.trim() === '' || !Number.isFinite(s) || s < 0 || s > 8) usageError(NAME, USAGE, `SIGMA must be a number of pixels from 0 to 8 (as split.sharp_blur), got '${a}'`);
  return s;
});
if (sigmas.length === 0) usageError(NAME, USAGE, 'name at least one SIGMA');

try {
  const e = await requireParams(evaluateSection, PARAMS_FILE);
  const s = await requireParams(splitSection, PARAMS_FILE);
  const splitDir = `data/split/${split}`;
  const raw = unblurredSplit(await readDataset('data/dataset'), await readDataset(splitDir), splitDir);
  await startBackend(e.backend, e.threads, PARAMS_FILE, 'evaluate.backend', { on: e.winograd, tile: e.winograd_tile });
  const views = e.tta_flip ? (e.tta_shift > 0 ? 10 : 2) : e.tta_shift > 0 ? 5 : 1;
  const rows = await blurSweep(modelDir, raw, sigmas, s.sharp_detail, s.blur, { flip: e.tta_flip, shift: e.tta_shift, batchSize: e.batch_size });
  const lines = [
    `${splitDir}: ${raw.labels.length} images, those with fine detail above ${s.sharp_detail} blurred by each sigma; ${modelDir}; ${views} test-time view${views === 1 ? '' : 's'} (params.yaml: split.sharp_blur ${s.sharp_blur})`,
    '',
    '| sigma | loss | accuracy | networks\' mean loss |',
    '| ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.sigma === null ? 'all averaged' : r.sigma} | ${r.loss.toFixed(4)} | ${r.accuracy.toFixed(4)} | ${r.membersLoss.toFixed(4)} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (err) {
  if (!(err instanceof FailureError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(err.exitCode);
}
// the threaded wasm backend's worker pool can keep Node alive
process.exit(0);
