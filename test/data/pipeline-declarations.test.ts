// The root pipeline.yaml must declare, for the data stages, exactly the code they run and the
// params they read; otherwise `pipe repro` would miss a change (or rerun for nothing).
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { baselineSection } from '../../src/ml/params/baseline.js';
import { evaluateSection } from '../../src/ml/params/evaluate.js';
import { ingestSection } from '../../src/ml/params/ingest.js';
import { loadParams, type ParamsSection } from '../../src/ml/params/load.js';
import { splitSection } from '../../src/ml/params/split.js';
import { REPO } from './helpers.js';

// modules loaded by URL rather than by an import statement
const DYNAMIC: Record<string, string[]> = {
  'src/ml/data/ingest/decode-pool.ts': ['src/ml/data/ingest/decode-worker.ts'],
};

/** Relative .ts files `entry` imports for their values (type-only imports do not run). */
function importClosure(entry: string): string[] {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    stack.push(...(DYNAMIC[f] ?? []));
    const text = readFileSync(join(REPO, f), 'utf8');
    for (const m of text.matchAll(/^(import|export)(?! type)[^'"]*?from\s+'(\.[^']+)'/gm)) {
      stack.push(relative(REPO, join(REPO, dirname(f), m[2]!.replace(/\.js$/, '.ts'))));
    }
  }
  return [...seen].sort();
}

interface StageDecl {
  deps?: string[];
  params?: string[];
}
const pipeline = parse(readFileSync(join(REPO, 'pipeline.yaml'), 'utf8')) as { stages: Record<string, StageDecl> };

const cases: Array<[string, ParamsSection<unknown>, string[]]> = [
  // ingest's data is the folder (or CSV) ingest.source names, outside the project
  ['ingest', ingestSection as ParamsSection<unknown>, ['${ingest.source}']],
  ['split', splitSection as ParamsSection<unknown>, ['data/dataset']],
  ['baseline', baselineSection as ParamsSection<unknown>, ['data/split']],
];

describe('pipeline.yaml declarations of the data stages', () => {
  for (const [name, section, dataDeps] of cases) {
    it(`${name}: deps are its script, the modules it imports and its data; params are its section's keys`, () => {
      const stage = pipeline.stages[name]!;
      expect([...(stage.deps ?? [])].sort()).toEqual([...importClosure(`stages/${name}.ts`), ...dataDeps].sort());
      const keys = Object.keys(section.schema.properties as object).map((k) => `${name}.${k}`);
      expect([...(stage.params ?? [])].sort()).toEqual(keys.sort());
    });
  }

  it('the shipped params.yaml passes every data-side section schema', async () => {
    for (const section of [ingestSection, splitSection, baselineSection, evaluateSection] as ParamsSection<unknown>[]) {
      const r = await loadParams(section, join(REPO, 'params.yaml'));
      expect(r.ok, section.name).toBe(true);
    }
  });
});
