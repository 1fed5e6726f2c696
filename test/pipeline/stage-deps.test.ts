// Editing any module a stage imports must rerun it: every project file reachable through the
// relative imports of stages/train.ts, stages/ensemble.ts and stages/evaluate.ts is listed in (or
// under) its deps (train's in its foreach `do` block).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO } from '../rig.js';

function reachable(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(REPO, file), 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = relative(REPO, join(REPO, dirname(file), m[1]!)).replace(/\.js$/, '.ts');
      if (existsSync(join(REPO, target))) visit(target);
    }
  };
  visit(entry);
  return [...seen].sort();
}

interface Body {
  deps?: string[];
}
const pipeline = parse(readFileSync(join(REPO, 'pipeline.yaml'), 'utf8')) as { stages: Record<string, Body & { do?: Body }> };

describe('train, ensemble and evaluate list the code they run as deps', () => {
  for (const stage of ['train', 'ensemble', 'evaluate']) {
    it(stage, () => {
      const decl = pipeline.stages[stage];
      const deps = decl?.do?.deps ?? decl?.deps ?? [];
      expect(deps).toContain(`stages/${stage}.ts`);
      const missing = reachable(`stages/${stage}.ts`).filter((f) => !deps.some((d) => f === d || f.startsWith(d + '/')));
      expect(missing).toEqual([]);
    });
  }
});
