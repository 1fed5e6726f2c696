// Every `-S key=value` in the README's command examples sets a param the shipped params.yaml
// has, with a value of its type: pipe refuses an unknown key, so an example left behind by a
// params.yaml change (train.seed became train.seeds) fails for the first reader who pastes it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { parseAssignment, setParams } from '../../src/experiments/params-edit.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The -S arguments of the README's fenced code blocks, shell quotes taken off, with their line. */
function readmeSets(text: string): { line: number; arg: string }[] {
  const found: { line: number; arg: string }[] = [];
  let inBlock = false;
  text.split('\n').forEach((line, i) => {
    if (/^\s*```/.test(line)) inBlock = !inBlock;
    else if (inBlock) for (const m of line.matchAll(/-S\s+(?:'([^']*)'|"([^"]*)"|(\S+))/g)) found.push({ line: i + 1, arg: m[1] ?? m[2] ?? m[3] ?? '' });
  });
  return found;
}

test("the README's -S examples name params of params.yaml, with values of their types", () => {
  const sets = readmeSets(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  const params = readFileSync(join(ROOT, 'params.yaml'), 'utf8');
  expect(sets.length).toBeGreaterThan(20);
  const refused = sets.flatMap(({ line, arg }) => {
    const a = parseAssignment(arg);
    const r = a.ok ? setParams(params, [a.value]) : a;
    return r.ok ? [] : [`README.md:${line}: -S ${arg}: ${r.failure.message}`];
  });
  expect(refused).toEqual([]);
});
