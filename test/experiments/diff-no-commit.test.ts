// `pipe metrics diff`, `params diff` and `plots diff` in a git repository with no commit yet: the
// default side, HEAD, names nothing. The error says so (not "not a git revision"), and the hint
// says how to compare instead: two experiments. Exit 2.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { gitInit, PIPELINE, pipe, recordWith, tempDir, writeFiles } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  gitInit(dir);
  writeFiles(dir, { 'pipeline.yaml': PIPELINE });
  await recordWith(dir, { 'params.yaml': 'train:\n  lr: 0.01\n', 'metrics/eval.json': { accuracy: 0.4 }, 'metrics/train.json': { loss: 1 } }, { name: 'one', at: '2026-11-29T01:00:00Z' });
  await recordWith(dir, { 'params.yaml': 'train:\n  lr: 0.001\n', 'metrics/eval.json': { accuracy: 0.5 }, 'metrics/train.json': { loss: 1 } }, { name: 'two', at: '2026-11-29T02:00:00Z' });
});
afterAll(() => cleanup());

const noCommit = (ref: string, command: string) =>
  `error: ${ref === 'HEAD' ? 'there is no HEAD to compare with (the side compared by default): the git repository has no commit yet' : `'${ref}' is not an experiment id or name, and the git repository has no commit yet`}\n` +
  `hint: compare two experiments instead: \`pipe ${command} diff A B\`, A and B ids or names from \`pipe exp show\` (or \`workspace\`); or commit, then compare with HEAD\n`;

test('the default HEAD side: the repository has no commit yet, and two experiments compare instead', () => {
  for (const command of ['metrics', 'params', 'plots']) {
    const r = pipe(dir, command, 'diff', ...(command === 'plots' ? ['-o', 'out'] : []));
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', noCommit('HEAD', command)]);
  }
  const named = pipe(dir, 'metrics', 'diff', 'main', 'one');
  expect([named.code, named.stdout, named.stderr]).toEqual([2, '', noCommit('main', 'metrics')]);
  // what the hint says works
  const r = pipe(dir, 'metrics', 'diff', 'one', 'two');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(['Path               Metric    one  two  Change', 'metrics/eval.json  accuracy  0.4  0.5  +0.1', ''].join('\n'));
});
