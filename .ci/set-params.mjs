// Sets dotted params in a params.yaml, keeping its comments: node set-params.mjs FILE key=value...
// Values are read as YAML (4000 → number, true → boolean, text stays a string).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [file, ...pairs] = process.argv.slice(2);
if (!file || pairs.length === 0) throw new Error('usage: set-params.mjs FILE key=value ...');
// resolve `yaml` from the project that owns the params file (its node_modules)
const require = createRequire(new URL(`file://${process.cwd()}/`));
const YAML = await import(require.resolve('yaml', { paths: [file, process.cwd()] }));
const doc = YAML.parseDocument(readFileSync(file, 'utf8'));
for (const pair of pairs) {
  const eq = pair.indexOf('=');
  if (eq < 1) throw new Error(`set-params: expected key=value, got ${pair}`);
  const path = pair.slice(0, eq).split('.');
  if (!doc.hasIn(path)) throw new Error(`set-params: ${file} has no key ${pair.slice(0, eq)}`);
  doc.setIn(path, YAML.parse(pair.slice(eq + 1)));
}
writeFileSync(file, doc.toString());
console.log(`  params: ${pairs.join(' ')}`);
