// A YAML file git left with conflict markers (`<<<<<<<`, `=======`, `>>>>>>>` at line starts,
// after a merge, rebase or stash pop) parses into a run of YAML errors that never say "merge":
// where a file fails to parse and holds a marker, the one thing said is the conflict and its
// first marker's line. Looked for only once parsing failed, so a valid file costs nothing and a
// `=======` inside a block scalar is never mistaken for one.

import { basename } from 'node:path';
import { LOCAL_CONFIG_FILE } from './project-config.js';

export const MERGE_CONFLICT = 'unresolved git merge conflict';

const MARKER = /^(<{7}|={7}|>{7})(?:[ \t\r]|$)/m;

/** The first git conflict marker in `text`, if any: its 1-based line and its offset. */
export function conflictAt(text: string): { line: number; offset: number } | undefined {
  const m = MARKER.exec(text);
  if (m === null) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
  return { line, offset: m.index };
}

/** What to do about the conflict in a file a person writes (params.yaml, pipeline.yaml, pipe.config.yaml). */
export function resolveHint(file: string): string {
  const fix = 'resolve it: keep the lines you want, delete the <<<<<<<, ======= and >>>>>>> lines';
  // this clone's own settings are git-ignored (`pipe init` writes the line): `git add` would commit them
  if (basename(file) === LOCAL_CONFIG_FILE) return `${fix}; do not \`git add\` ${file}: it is git-ignored, this clone's alone`;
  return `${fix}, then \`git add ${file}\``;
}
