// The charting libraries must not load for other commands: nothing the CLI imports statically
// (following static imports from src/cli/main.ts and the command table, which imports every
// command module) may import vega, vega-lite or resvg.
import { expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { REPO } from '../experiments/helpers.js';

const HEAVY = /^(vega|vega-lite|@resvg\/resvg-js)(\/|$)/;

function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  // `import x from 'm'` / `export ... from 'm'`, not `import type`, not `await import('m')`
  return [...text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm), ...text.matchAll(/^import\s+'([^']+)'/gm)]
    .map((m) => m[1] ?? '');
}

test('no module loaded at CLI start-up imports vega, vega-lite or resvg', () => {
  const seen = new Set<string>();
  const heavy: string[] = [];
  const queue = [join(REPO, 'src/cli/main.ts'), join(REPO, 'src/cli/commands/index.ts')];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of staticImports(file)) {
      if (HEAVY.test(spec)) heavy.push(`${file.slice(REPO.length + 1)} imports ${spec}`);
      if (!spec.startsWith('.')) continue;
      const ts = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      if (existsSync(ts)) queue.push(ts);
    }
  }
  expect(seen.has(join(REPO, 'src/cli/commands/plots.ts'))).toBe(true); // the walk reached the plots command
  expect(heavy).toEqual([]);
});
