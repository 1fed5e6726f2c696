// The `pipe exp branch` tests' project: one git-committed stage that writes a cached output
// (model/weights.txt) and a `cache: false` metrics file from params.yaml's train.lr (each run a line
// in .runs), run once
// (committed) and then as experiment `tune` (train.lr=0.1), which leaves the workspace changed.
import { afterEach, beforeEach } from 'vitest';
import { commitAll, git, gitInit, pipeEnv, tempDir, writeFiles, type RunResult } from './helpers.js';

/** Who commits: `pipe exp branch` makes a commit, so its git needs a name as the helpers' git has. */
export const GIT_ENV = {
  GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** `pipe <args>` with the git identity (and HOME in the project, so no user config counts). */
export function pipeGit(dir: string, ...args: string[]): RunResult {
  return pipeEnv(dir, { ...GIT_ENV, HOME: dir }, ...args);
}

export const BRANCH_FILES: Record<string, string> = {
  'pipeline.yaml': `stages:
  train:
    cmd: node train.js
    deps: [train.js]
    params: [train.lr]
    outs: [model/weights.txt]
    metrics:
      - metrics/train.json:
          cache: false
`,
  'params.yaml': '# experiment params\ntrain:\n  lr: 0.01   # learning rate\n  epochs: 2\n',
  'train.js': `const fs = require('fs');
const lr = Number(/lr: ([0-9.e-]+)/.exec(fs.readFileSync('params.yaml', 'utf8'))[1]);
fs.mkdirSync('metrics', { recursive: true });
fs.mkdirSync('model', { recursive: true });
fs.writeFileSync('model/weights.txt', 'weights for lr ' + lr + '\\n');
fs.writeFileSync('metrics/train.json', JSON.stringify({ val_accuracy: 0.5 - lr }));
fs.appendFileSync('.runs', 'ran\\n');
`,
  // .runs counts the stage's runs
  '.gitignore': '/.runs\n',
};

export interface BranchProject {
  /** the commit the base run was committed in, and `tune` ran on */
  base: string;
  /** `tune`'s record file, relative to the project */
  record: string;
}

/**
 * Writes the project into `dir` (a git repository; `more` adds or replaces files), runs and
 * commits the base, runs `tune`.
 */
export function branchProject(dir: string, more: Record<string, string> = {}): BranchProject {
  writeFiles(dir, { ...BRANCH_FILES, ...more });
  gitInit(dir);
  const first = pipeGit(dir, 'repro');
  if (first.code !== 0) throw new Error(`repro failed: ${first.stderr}`);
  commitAll(dir, 'base run');
  const base = git(dir, 'rev-parse', 'HEAD').trim();
  const before = new Set(git(dir, 'ls-files', 'metrics/experiments').split('\n'));
  const tune = pipeGit(dir, 'exp', 'run', '-S', 'train.lr=0.1', '-n', 'tune');
  if (tune.code !== 0) throw new Error(`exp run failed: ${tune.stderr}`);
  const record = git(dir, 'ls-files', '--others', '--exclude-standard', 'metrics/experiments').split('\n').find((p) => p !== '' && !before.has(p));
  if (record === undefined) throw new Error('exp run wrote no record');
  return { base, record };
}

export interface BranchTest extends BranchProject {
  /** the project folder */
  dir: string;
}

/** A fresh branchProject for each test of the file (made in beforeEach, removed in afterEach). */
export function useBranchProject(more: Record<string, string> = {}): BranchTest {
  const current: BranchTest = { dir: '', base: '', record: '' };
  let cleanup = () => {};
  beforeEach(() => {
    const made = tempDir();
    cleanup = made.cleanup;
    Object.assign(current, { dir: made.dir }, branchProject(made.dir, more));
  });
  afterEach(() => cleanup());
  return current;
}
