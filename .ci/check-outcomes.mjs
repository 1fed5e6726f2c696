// Reads `pipe repro --json` output and checks every stage's outcome is one of the allowed ones:
// node check-outcomes.mjs FILE restored,up-to-date
import { readFileSync } from 'node:fs';

const [file, allowedList] = process.argv.slice(2);
const allowed = new Set(allowedList.split(','));
const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('{'));
const result = lines.map((l) => JSON.parse(l)).find((e) => e.type === 'result');
if (!result) {
  console.error(`CI FAILED: no result line in ${file}`);
  process.exit(1);
}
let bad = 0;
for (const s of result.stages) {
  const ok = allowed.has(s.outcome);
  console.log(`  ${ok ? 'ok' : 'NOT OK'}: ${s.name} ${s.outcome}${s.restoredFrom ? ` (from ${s.restoredFrom})` : ''}`);
  if (!ok) bad++;
}
if (result.exitCode !== 0 || bad > 0 || result.stages.length === 0) {
  console.error(`CI FAILED: expected every stage ${[...allowed].join(' or ')}, exit code 0 (got ${result.exitCode})`);
  process.exit(1);
}
