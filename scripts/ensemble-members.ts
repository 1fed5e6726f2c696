// `npm run ensemble:members [-- val|test]` (default: both), after `npx pipe repro`: each network
// of the ensemble in data/model scored alone, and the averages of the first 2, 3, ... networks,
// with the test-time views params.yaml's evaluate section sets. Prints a Markdown table.
import { startBackend } from '../src/ml/backend/start.js';
import { scoreMembers } from '../src/ml/model/member-scores.js';
import { evaluateSection } from '../src/ml/params/evaluate.js';
import { PARAMS_FILE, requireParams } from '../src/ml/params/load.js';

const splits = process.argv[2] === undefined ? ['val', 'test'] : [process.argv[2]];
const p = await requireParams(evaluateSection, PARAMS_FILE);
await startBackend(p.backend, p.threads, PARAMS_FILE, 'evaluate.backend', p.winograd);
console.log('| split | networks | loss | accuracy |\n| --- | --- | ---: | ---: |');
for (const split of splits) {
  const rows = await scoreMembers('data/model', `data/split/${split}`, { flip: p.tta_flip, shift: p.tta_shift, batchSize: p.batch_size });
  for (const r of rows) console.log(`| ${split} | ${r.what} | ${r.loss.toFixed(4)} | ${r.accuracy.toFixed(4)} |`);
}
// the threaded wasm backend's worker pool can keep Node alive
process.exit(0);
