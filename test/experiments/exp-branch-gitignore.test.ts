// An experiment run on a commit that does not ignore its cached outputs yet: the branch gets the
// .gitignore lines `pipe repro` writes, so after git checkout and pipe checkout git sees nothing
// new; and the note says which files git checkout would refuse to overwrite meanwhile.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, git, gitInit, tempDir, writeFiles } from './helpers.js';
import { BRANCH_FILES, pipeGit } from './branch-project.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, BRANCH_FILES);
  gitInit(dir);
  commitAll(dir, 'the project, never run');
  expect(pipeGit(dir, 'exp', 'run', '-S', 'train.lr=0.1', '-n', 'tune').code).toBe(0);
});
afterEach(() => cleanup());

test('.gitignore lines for the cached outputs come with the branch', () => {
  const r = pipeGit(dir, 'exp', 'branch', 'tune', 'tune-lr');
  expect(r.code).toBe(0);
  expect(git(dir, 'show', 'tune-lr:.gitignore')).toBe('/.pipe\n/.runs\n/cache\n');
  expect(git(dir, 'show', 'tune-lr:model/.gitignore')).toBe('/weights.txt\n');
  const record = git(dir, 'ls-files', '--others', '--exclude-standard', 'metrics/experiments').trim();
  expect(r.stderr).toBe(
    `note: \`git checkout tune-lr\` refuses while files it changes are changed or untracked here: .gitignore, metrics/train.json, model/.gitignore, params.yaml, pipeline.lock are already as the branch has them (nothing is lost by \`git checkout -- <file>\` or deleting them)\n`,
  );

  git(dir, 'checkout', '--', '.');
  for (const p of ['metrics/train.json', 'model/.gitignore', 'pipeline.lock']) rmSync(join(dir, p));
  git(dir, 'checkout', '-q', 'tune-lr');
  expect(pipeGit(dir, 'checkout').code).toBe(0);
  // only the record is left untracked, in the workspace it was made in, as before the branch
  expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe(`?? ${record}\n`);
});
