// Test helpers for the experiments and plots areas: temp projects, a temp git repository, and
// the real CLI (`node bin/pipe.js`, which runs dist/ — `npm test` builds it first). Unlike
// test/rig.ts, a project here can be shared by the tests of a file (made in beforeAll), which
// keeps the slow setups (several recorded experiments) to one per file.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { stopProcesses, testTimeLeftMs } from '../processes.js';
import { PIPE_BIN } from '../rig.js';

export { PIPE_BIN, REPO } from '../rig.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function pipe(cwd: string, ...args: string[]): RunResult {
  return pipeEnv(cwd, {}, ...args);
}

export function pipeEnv(cwd: string, env: Record<string, string>, ...args: string[]): RunResult {
  // COLUMNS: a terminal width exported by the shell running the tests would cut `exp show` tables.
  // The timeout (SIGTERM: pipe then stops what it started) ends before the test's: vitest cannot
  // time out a test while spawnSync blocks it.
  const env2 = { ...process.env, NO_COLOR: '1', COLUMNS: '', ...env };
  const r = spawnSync(process.execPath, [PIPE_BIN, ...args], { cwd, encoding: 'utf8', env: env2, timeout: testTimeLeftMs() });
  const stderr = r.error ? `${r.stderr}${r.error.message}\n` : r.stderr;
  return { code: r.status ?? -1, stdout: r.stdout, stderr };
}

/** A temp folder; `cleanup` stops whatever still runs in it (a test's `pipe`, its stages), then removes it. */
export function tempDir(prefix = 'pipe-exp-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    cleanup: () => {
      stopProcesses([], [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes `files` (path → text, or data written as JSON) under `dir`. */
export function writeFiles(dir: string, files: Record<string, unknown>): void {
  for (const [p, content] of Object.entries(files)) {
    const full = join(dir, p);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com',
      GIT_CONFIG_NOSYSTEM: '1', HOME: dir,
    },
  });
}

export function gitInit(dir: string): void {
  git(dir, 'init', '-q', '-b', 'main');
}

export function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

/** A pipeline whose one stage declares a metrics file and a params file. */
export const PIPELINE = `stages:
  train:
    cmd: node train.js
    params: [train.lr]
    metrics:
      - metrics/train.json
      - metrics/eval.json:
          cache: false
`;

/** Writes the workspace files, then records an experiment the way `pipe repro` does after a run. */
export async function recordWith(
  dir: string,
  files: Record<string, unknown>,
  opts: { name?: string; at: string; outcome?: 'ran' | 'failed' },
): Promise<string> {
  const { recordExperiment } = await import('../../src/experiments/record.js');
  writeFiles(dir, files);
  const id = await recordExperiment({
    root: dir,
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    // a failed run: an earlier stage ran, then train failed
    stages: opts.outcome === 'failed'
      ? [{ name: 'prepare', outcome: 'ran', durationMs: 10 }, { name: 'train', outcome: 'failed', durationMs: 5 }]
      : [{ name: 'train', outcome: 'ran', durationMs: 1234.4 }],
    now: new Date(opts.at),
  });
  if (id === undefined) throw new Error('no record written');
  return id;
}

/** A one-stage project whose stage turns params.yaml's train.lr into a metrics file. */
export const TRAIN_PROJECT: Record<string, unknown> = {
  'pipeline.yaml': `stages:
  train:
    cmd: node train.js
    deps: [train.js]
    params: [train.lr]
    metrics: [metrics/train.json]
`,
  'params.yaml': '# experiment params\ntrain:\n  lr: 0.01   # learning rate\n  epochs: 2\n  optimizer: adam\n',
  'train.js': `const fs = require('fs');
const lr = Number(/lr: ([0-9.e-]+)/.exec(fs.readFileSync('params.yaml', 'utf8'))[1]);
fs.mkdirSync('metrics', { recursive: true });
fs.writeFileSync('metrics/train.json', JSON.stringify({ val_accuracy: 0.5 - lr, backend: 'cpu' }));
fs.appendFileSync('runs.log', 'ran\\n');
`,
};

/**
 * A queue project's train.js that, with $STARTED set, writes its pid there and waits for the
 * file $GO (or exits when the test folder, and so $STARTED, is gone) before writing its metrics.
 */
export const WAITING_TRAIN = `const fs = require('fs');
if (process.env.STARTED) {
  fs.writeFileSync(process.env.STARTED, String(process.pid));
  const t = setInterval(() => {
    if (fs.existsSync(process.env.GO)) { clearInterval(t); done(); }
    else if (!fs.existsSync(process.env.STARTED)) process.exit(9);
  }, 20);
} else done();
function done() {
  fs.mkdirSync('metrics', { recursive: true });
  fs.writeFileSync('metrics/train.json', JSON.stringify({ val_accuracy: 0.5 }));
}
`;

/**
 * A one-stage git project in `<base>/repo` whose stage runs `trainJs` as train.js (reading
 * train.lr, writing metrics/train.json): the queue tests' project. Returns the project folder.
 */
export function queueProject(base: string, trainJs: string): string {
  const dir = join(base, 'repo');
  mkdirSync(dir);
  writeFiles(dir, {
    'pipeline.yaml': 'stages:\n  train:\n    cmd: node train.js\n    deps: [train.js]\n    params: [train.lr]\n    metrics: [metrics/train.json]\n',
    'params.yaml': 'train:\n  lr: 0.01\n',
    'train.js': trainJs,
    '.gitignore': '/.pipe/\n/cache/\n',
  });
  gitInit(dir);
  commitAll(dir, 'init');
  return dir;
}

/**
 * TRAIN_PROJECT with its metrics `cache: false` (as the FER2013 pipeline has them), and two
 * experiments run in `dir`: `big` (lr 0.1), then `small` (lr 0.001), the workspace left at small.
 */
export function uncachedMetricsExperiments(dir: string): void {
  writeFiles(dir, {
    ...TRAIN_PROJECT,
    'pipeline.yaml': (TRAIN_PROJECT['pipeline.yaml'] as string).replace('metrics: [metrics/train.json]', 'metrics:\n      - metrics/train.json:\n          cache: false'),
  });
  for (const [lr, name] of [['0.1', 'big'], ['0.001', 'small']]) {
    const r = pipe(dir, 'exp', 'run', '-S', `train.lr=${lr}`, '-n', name ?? '');
    if (r.code !== 0) throw new Error(`exp run -n ${name ?? ''} failed: ${r.stderr}`);
  }
}

/**
 * TRAIN_PROJECT made afresh for each test of the calling file (beforeEach/afterEach registered
 * here), its params.yaml replaced by `paramsText` when given: `dir` is the test's folder (read it
 * inside a test), `params()` its params.yaml, `ran()` the train stage's invocation log.
 */
export function trainProjectEachTest(paramsText?: string): { dir: string; params: () => string; ran: () => string } {
  let cleanup = () => {};
  const project = {
    dir: '',
    params: () => readFileSync(join(project.dir, 'params.yaml'), 'utf8'),
    ran: () => (existsSync(join(project.dir, 'runs.log')) ? readFileSync(join(project.dir, 'runs.log'), 'utf8') : ''),
  };
  beforeEach(() => {
    ({ dir: project.dir, cleanup } = tempDir());
    writeFiles(project.dir, TRAIN_PROJECT);
    if (paramsText !== undefined) writeFileSync(join(project.dir, 'params.yaml'), paramsText);
  });
  afterEach(() => cleanup());
  return project;
}
