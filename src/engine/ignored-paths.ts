// A path pipeline.yaml declares (a dep or an output) that the project's .pipeignore hides as a
// whole would be invisible to pipe: a folder dep would hash as empty, an output never be seen
// as missing. Refused before anything runs, at the .pipeignore line that hides it (DVC refuses
// the same with "is ignored by .dvcignore").
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { loadIgnoreRules, PIPEIGNORE_FILE, ruleHiding } from './store-adapter.js';
import { formatLocation, type Failure } from './failure.js';
import { stageOutputs, type StageSpec } from './types.js';

/** One failure per declared path the project's .pipeignore hides; none without a .pipeignore. */
export function ignoredDeclarations(root: string, stages: readonly StageSpec[]): Failure[] {
  const rules = loadIgnoreRules(root);
  if (rules === undefined) return [];
  const failures: Failure[] = [];
  for (const stage of stages) {
    const declared = [
      ...stage.deps.map((d) => ({ path: d.path, what: 'a dep', location: d.location })),
      ...stageOutputs(stage).map((o) => ({ path: o.path, what: o.kind === 'out' ? 'an output' : `a ${o.kind}`, location: o.location })),
    ];
    for (const d of declared) {
      const rule = ruleHiding(rules, root, d.path);
      if (rule === undefined) continue;
      failures.push({
        kind: 'ignored-path',
        message:
          rule.folder === undefined
            ? `this pattern ignores '${d.path}', ${d.what} of stage '${stage.name}' (${formatLocation(d.location)}), so pipe would not see it: narrow the pattern, or ${unignoreLines(root, d.path)}`
            : `this pattern ignores '${rule.folder}', the folder holding '${d.path}', ${d.what} of stage '${stage.name}' (${formatLocation(d.location)}), so pipe would not see it: narrow the pattern so that it leaves '${rule.folder}' alone`,
        location: { file: PIPEIGNORE_FILE, line: rule.line, col: 1 },
        snippet: rule.pattern,
      });
    }
  }
  return failures;
}

/**
 * The same for data `pipe add` tracks: hidden, it would hash as empty (a folder) or missing, and a
 * `pipe add` after it would record nothing, leaving the real data's objects to `pipe gc`.
 */
export function ignoredTracked(root: string, tracked: readonly { path: string; file: string }[]): Failure[] {
  const rules = loadIgnoreRules(root);
  if (rules === undefined) return [];
  const failures: Failure[] = [];
  for (const t of tracked) {
    const problem = hiddenProblem(root, rules, t.path, `data ${t.file} tracks`);
    if (problem !== undefined) failures.push(problem);
  }
  return failures;
}

/** Why `pipe add <rel>` (or `pipe import-url URL <rel>`) is refused because .pipeignore hides it, or undefined. */
export function ignoredAddTarget(root: string, rel: string, command: 'add' | 'import-url' = 'add'): Failure | undefined {
  const rules = loadIgnoreRules(root);
  return rules === undefined ? undefined : hiddenProblem(root, rules, rel, `the path given to pipe ${command}`);
}

function hiddenProblem(root: string, rules: NonNullable<ReturnType<typeof loadIgnoreRules>>, path: string, what: string): Failure | undefined {
  const rule = ruleHiding(rules, root, path);
  if (rule === undefined) return undefined;
  return {
    kind: 'ignored-path',
    message:
      rule.folder === undefined
        ? `this pattern ignores '${path}', ${what}, so pipe would not see it: narrow the pattern, or ${unignoreLines(root, path)}`
        : `this pattern ignores '${rule.folder}', the folder holding '${path}', ${what}, so pipe would not see it: narrow the pattern so that it leaves '${rule.folder}' alone`,
    location: { file: PIPEIGNORE_FILE, line: rule.line, col: 1 },
    snippet: rule.pattern,
  };
}

/**
 * The lines that take `path` back from a pattern: for a folder its files too (`!data` alone leaves
 * every file inside matched by a `*` above it, and the folder hashes as empty).
 */
function unignoreLines(root: string, path: string): string {
  let folder = false;
  try {
    folder = statSync(join(root, path)).isDirectory();
  } catch {
    // not there yet (an output): one line, as for a file
  }
  return folder ? `add the lines '!${path}' and '!${path}/**' below it` : `add the line '!${path}' below it`;
}
