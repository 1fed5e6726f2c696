// Experiment records are pipe's bookkeeping, not a dep's content: a stage with `deps: [metrics]`
// does not change with every record `pipe repro` writes into metrics/experiments/ (DVC keeps
// experiments in git refs, so a `metrics` dep there only sees the user's files). A folder that
// holds no records hashes exactly as before: the manifest of its files, nothing more.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = (acc: string): string => `stages:
  train:
    cmd: ${JSON.stringify(`mkdir -p metrics && echo '{"acc": ${acc}}' > metrics/score.json`)}
    metrics: [metrics/score.json]
  report:
    cmd: ${JSON.stringify(counted('report', 'ls -R metrics > report.txt'))}
    deps: [metrics]
    outs: [report.txt]
`;

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The hash pipeline.lock records for the dep `metrics` of stage report. */
function depHash(lock: string): string | undefined {
  return /report:[\s\S]*?deps:\s*\n\s*- path: metrics\n\s*hash: (\S+)/.exec(lock)?.[1];
}

test('records written into a dep folder do not change it: the stage stays up to date', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline('0.9') });
  const first = await rig.run('repro');
  expect(first.code).toBe(0);
  expect(readdirSync(join(rig.dir, 'metrics/experiments'))).toHaveLength(1);
  // the dep is the user's file alone: the hash of a folder without records, as always computed
  const score = '{"acc": 0.9}\n';
  const manifest = `[{"hash":"${sha(score)}","relpath":"score.json"}]`;
  expect(depHash(rig.read('pipeline.lock'))).toBe(`${sha(manifest)}.dir`);

  const status = await rig.run('status');
  expect([status.code, status.stdout, status.stderr]).toEqual([0, 'Everything is up to date.\n', '']);
  expect((await rig.run('status', '-q')).code).toBe(0);
  // a walk shared with the scan worker leaves them out too
  rig.remove('.pipe/tree-cache.json');
  const shared = await rig.runWith({ env: { PIPE_SCAN_WORKER: 'worker' } }, 'status');
  expect([shared.code, shared.stdout]).toEqual([0, 'Everything is up to date.\n']);

  // a change of the user's file still reruns report; the record of that run does not, next time
  rig.write({ 'pipeline.yaml': pipeline('0.8') });
  const second = await rig.run('repro');
  expect(second.code).toBe(0);
  expect(second.stdout).toContain("report: running (dep 'metrics' changed)\n");
  expect(readdirSync(join(rig.dir, 'metrics/experiments'))).toHaveLength(2);
  const again = await rig.run('status');
  expect([again.code, again.stdout]).toEqual([0, 'Everything is up to date.\n']);
  expect(rig.count('report')).toBe(2);
});

test('a dep naming the records folder itself still sees the records', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n  summary:\n    cmd: ls metrics/experiments > s.txt\n    deps: [metrics/experiments]\n    outs: [s.txt]\n`,
    'metrics/experiments/old.json': '{}\n',
  });
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'metrics/experiments/new.json': '{}\n' });
  const r = await rig.run('status');
  expect([r.code, r.stdout]).toEqual([0, "summary: would run (dep 'metrics/experiments' changed)\n1 would run, 1 up to date.\n"]);
});
