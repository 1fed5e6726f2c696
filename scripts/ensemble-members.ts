// `npm run ensemble:members [-- val|test|both [MODEL_DIR]]` (default: both splits, data/model),
// after `npx pipe repro`: each network of the ensemble in the model folder scored alone, and the
// averages of the first 2, 3, ... networks, with the test-time views params.yaml's evaluate
// section sets. Prints a Markdown table. MODEL_DIR lets a folder put together by hand be scored
// (networks of several runs copied into it, listed in its ensemble.json).
import { startBackend } from '../src/ml/backend/start.js';
import { scoreMembers } from '../src/ml/model/member-scores.js';
import { evaluateSection } from '../src/ml/params/evaluate.js';
import { PARAMS_FILE, requireParams } from '../src/ml/params/load.js';
import { FailureError } from '../src/ml/failure.js';
import { parseScriptArgs, usageError } from './script-args.mjs';

const NAME = 'ensemble:members';
const USAGE = 'usage: npm run ensemble:members -- [val|test|both [MODEL_DIR]]';

const { positionals } = parseScriptArgs({ name: NAME, usage: USAGE, allowPositionals: true });
if (positionals.length > 2) usageError(NAME, USAGE, `at most a split and a model folder, got ${positionals.length} arguments: ${positionals.join(' ')}`);
const which = positionals[0] ?? 'both';
if (!['val', 'test', 'both'].includes(which)) usageError(NAME, USAGE, `the split is val, test or both, got '${which}'`);
const splits = which === 'both' ? ['val', 'test'] : [which];
const modelDir = positionals[1] ?? 'data/model';
try {
  const p = await requireParams(evaluateSection, PARAMS_FILE);
  await startBackend(p.backend, p.threads, PARAMS_FILE, 'evaluate.backend', { on: p.winograd, tile: p.winograd_tile });
  console.log('| split | networks | loss | accuracy |\n| --- | --- | ---: | ---: |');
  for (const split of splits) {
    const rows = await scoreMembers(modelDir, `data/split/${split}`, { flip: p.tta_flip, shift: p.tta_shift, batchSize: p.batch_size });
    for (const r of rows) console.log(`| ${split} | ${r.what} | ${r.loss.toFixed(4)} | ${r.accuracy.toFixed(4)} |`);
  }
} catch (err) {
  // a missing model, split or params file: the failure's own message, no stack
  if (!(err instanceof FailureError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(err.exitCode);
}
// the threaded wasm backend's worker pool can keep Node alive
process.exit(0);
