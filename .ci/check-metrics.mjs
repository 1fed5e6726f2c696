// Checks a finished run: every metrics file declared in pipeline.yaml exists and parses, and the
// model's test accuracy beats the majority-class baseline. With --list, prints the metrics paths.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const [root = '.', flag] = process.argv.slice(2);
const require = createRequire(join(process.cwd(), root, 'package.json'));
const YAML = require('yaml');
const pipeline = YAML.parse(readFileSync(join(root, 'pipeline.yaml'), 'utf8'));
const paths = [];
for (const stage of Object.values(pipeline.stages)) {
  for (const m of stage.metrics ?? []) paths.push(typeof m === 'string' ? m : Object.keys(m)[0]);
}
if (flag === '--list') {
  console.log(paths.join('\n'));
  process.exit(0);
}
const fail = (msg) => {
  console.error(`CI FAILED: ${msg}`);
  process.exit(1);
};
if (paths.length === 0) fail('pipeline.yaml declares no metrics');
const data = {};
for (const p of paths) {
  if (!existsSync(join(root, p))) fail(`metrics file ${p} is missing`);
  data[p] = JSON.parse(readFileSync(join(root, p), 'utf8'));
  console.log(`  ok: ${p} exists`);
}
const test = data['metrics/evaluate.json']?.accuracy;
const base = data['metrics/baseline.json']?.accuracy;
if (typeof test !== 'number' || typeof base !== 'number') fail('accuracy missing from evaluate.json or baseline.json');
console.log(`  test accuracy ${test.toFixed(4)} vs baseline ${base.toFixed(4)}`);
if (!(test > base)) fail(`test accuracy ${test} does not beat the baseline ${base}`);
