// A folder under `metrics:` or `plots:` stands for the data files inside it, at any depth, each
// under its own path (as DVC reads them): metrics .json/.yaml/.yml, plots also .csv/.tsv; other
// files are left out. The workspace, a record, and a git revision whose folder is only in the
// cache (its manifest) all read the same files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { commitAll, git, gitInit, pipe, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;
let first: ReturnType<typeof pipe>;

const PIPELINE = `stages:
  curves:
    cmd: node curves.js
    deps: [curves.js]
    plots: [curves]
  ev:
    cmd: node ev.js
    deps: [ev.js]
    params: [acc]
    metrics: [scores]
`;

beforeAll(() => {
  ({ dir, cleanup } = tempDir('pipe-folders-'));
  writeFiles(dir, {
    'pipeline.yaml': PIPELINE,
    'params.yaml': 'acc: 0.9\n',
    'curves.js': `const fs = require('fs');
fs.mkdirSync('curves/sub', { recursive: true });
fs.writeFileSync('curves/train.csv', 'epoch,loss\\n1,0.5\\n2,0.3\\n');
fs.writeFileSync('curves/sub/val.json', JSON.stringify([{ epoch: 1, val_loss: 0.6 }, { epoch: 2, val_loss: 0.4 }]));
fs.writeFileSync('curves/notes.txt', 'not a plot\\n');
`,
    'ev.js': `const fs = require('fs');
const acc = Number(/acc: (.*)/.exec(fs.readFileSync('params.yaml', 'utf8'))[1]);
fs.mkdirSync('scores', { recursive: true });
fs.writeFileSync('scores/a.json', JSON.stringify({ acc }));
fs.writeFileSync('scores/b.yaml', 'f1: 0.5\\n');
fs.writeFileSync('scores/log.txt', 'not metrics\\n');
`,
  });
  gitInit(dir);
  first = pipe(dir, 'repro');
  commitAll(dir, 'first run');
});
afterAll(() => cleanup());

test('repro records the files inside the folders, each by its path', () => {
  expect(first.code).toBe(0);
  expect(first.stderr).not.toContain('warning'); // was: could not record the experiment: EISDIR
  const files = readdirSync(join(dir, 'metrics/experiments'));
  expect(files).toHaveLength(1);
  const rec = JSON.parse(readFileSync(join(dir, 'metrics/experiments', files[0] ?? ''), 'utf8')) as { metrics: object; plots: object };
  expect(rec.metrics).toEqual({ 'scores/a.json': { acc: 0.9 }, 'scores/b.yaml': { f1: 0.5 } });
  expect(rec.plots).toEqual({
    'curves/sub/val.json': [{ epoch: 1, val_loss: 0.6 }, { epoch: 2, val_loss: 0.4 }],
    'curves/train.csv': [{ epoch: 1, loss: 0.5 }, { epoch: 2, loss: 0.3 }],
  });
});

test('metrics show and exp show list the files of the folder', () => {
  const show = pipe(dir, 'metrics', 'show');
  expect([show.code, show.stdout, show.stderr]).toEqual([0, 'Path           Metric  Value\nscores/a.json  acc     0.9\nscores/b.yaml  f1      0.5\n', '']);
  // the metric `acc` takes its file's name: the param `acc` is a column too
  const exp = pipe(dir, 'exp', 'show', '--json');
  expect(exp.code).toBe(0);
  expect(exp.stderr).toBe('');
  // the workspace and baseline rows first (in git), then the experiment
  expect((JSON.parse(exp.stdout) as { type: string; metrics: unknown }[]).filter((r) => r.type === 'experiment').map((r) => r.metrics)).toEqual([{ 'a:acc': 0.9, f1: 0.5 }]);
});

test('plots show draws each plots file of the folder', () => {
  const r = pipe(dir, 'plots', 'show', '-o', 'out');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.svg')).sort()).toEqual(['train-loss.svg', 'val-val_loss.svg']);
});

test('a git revision whose folders are in the cache only: read through their manifests', () => {
  // the folders are cached outs, so git ignores them: HEAD has only pipeline.lock to go by
  expect(git(dir, 'ls-files', 'scores', 'curves')).toBe('');
  writeFiles(dir, { 'params.yaml': 'acc: 0.7\n' });
  expect(pipe(dir, 'repro').code).toBe(0);
  const diff = pipe(dir, 'metrics', 'diff');
  expect(diff.stdout).toBe('Path           Metric  HEAD  workspace  Change\nscores/a.json  acc     0.9   0.7        -0.2\n');
  expect(diff.stderr).toBe('note: scores/a.json at HEAD: read from the cache (pipeline.lock at that revision)\nnote: scores/b.yaml at HEAD: read from the cache (pipeline.lock at that revision)\n');
  expect(diff.code).toBe(0);
  const plots = pipe(dir, 'plots', 'diff', '-o', 'out2');
  expect(plots.code).toBe(0);
  expect(plots.stderr).toBe('note: curves/sub/val.json at HEAD: read from the cache (pipeline.lock at that revision)\nnote: curves/train.csv at HEAD: read from the cache (pipeline.lock at that revision)\n');
});
