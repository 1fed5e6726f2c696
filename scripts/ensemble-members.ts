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

const USAGE = 'usage: npm run ensemble:members -- [val|test|both [MODEL_DIR]]';

function fail(message: string): never {
  process.stderr.write(`ensemble:members: ${message}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const option = args.find((a) => a.startsWith('-'));
if (option !== undefined) fail(`unknown option '${option}' (${USAGE})`);
if (args.length > 2) fail(`at most a split and a model folder, got ${args.length} arguments: ${args.join(' ')} (${USAGE})`);
const which = args[0] ?? 'both';
if (!['val', 'test', 'both'].includes(which)) fail(`the split is val, test or both, got '${which}' (${USAGE})`);
const splits = which === 'both' ? ['val', 'test'] : [which];
const modelDir = args[1] ?? 'data/model';
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
