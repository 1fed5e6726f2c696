// `--json`: repro prints one JSON event per line and a final result; status prints one object.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  a:
    cmd: ${JSON.stringify(counted('a', 'echo hello && echo a > a.txt'))}
    outs: [a.txt]
  b:
    cmd: ${JSON.stringify(counted('b', 'exit 4'))}
    deps: [a.txt]
`;

test('repro --json: NDJSON events then a result line with the exit code', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('repro', '--json');
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('');
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(events.map((e) => e.type)).toEqual(['stage-start', 'stage-output', 'stage-done', 'stage-start', 'stage-done', 'result']);
  expect(events[0]).toEqual({ type: 'stage-start', stage: 'a', reasons: [{ kind: 'new', text: 'never ran' }], cmd: [expect.any(String)] });
  expect(events[1]).toEqual({ type: 'stage-output', stage: 'a', stream: 'stdout', text: 'hello' });
  const result = events[5] as { exitCode: number; interrupted: boolean; failures: unknown[]; stages: { name: string; outcome: string; message?: string; exitCode?: number }[] };
  expect(result.exitCode).toBe(1);
  expect(result.interrupted).toBe(false);
  expect(result.failures).toEqual([]);
  expect(result.stages.map((s) => [s.name, s.outcome])).toEqual([['a', 'ran'], ['b', 'failed']]);
  expect(result.stages[1]).toMatchObject({ message: 'exit code 4', exitCode: 4 });
});

test('status --json: each stage with its outcome and structured reasons', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  await rig.run('repro');
  rig.remove('a.txt');
  const r = await rig.run('status', '--json');
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({
    failures: [],
    stages: [
      { name: 'a', outcome: 'would-restore', durationMs: 0, restoredFrom: 'lock', reasons: [{ kind: 'out-missing', path: 'a.txt', text: "out 'a.txt' missing" }] },
      { name: 'b', outcome: 'would-run', durationMs: 0, reasons: [{ kind: 'new', text: 'never ran' }] },
    ],
  });
});

test('config errors in --json carry kind, location and text', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo\n    oops: 1\n' });
  const r = await rig.run('status', '--json');
  expect(r.code).toBe(2);
  expect(JSON.parse(r.stdout)).toEqual({
    failures: [
      {
        kind: 'schema',
        message: "unknown key 'oops' in stage 'a'",
        location: { file: 'pipeline.yaml', line: 4, col: 5 },
        text: "pipeline.yaml:4:5: unknown key 'oops' in stage 'a'\n      oops: 1\n      ^",
      },
    ],
    stages: [],
  });
});
