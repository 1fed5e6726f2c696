// `pipe gc`: removes objects that neither pipeline.lock nor an experiment record references
// (`--workspace`: pipeline.lock only) and the run-cache entries that needed them, and says what
// it freed.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

function files(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;
  } catch {
    return 0;
  }
}

const upper = `stages:
  up:
    cmd: ${JSON.stringify(counted('up', 'tr a-z A-Z < in.txt > out.txt'))}
    deps: [in.txt]
    outs: [out.txt]
`;

test('gc --workspace keeps what the lock needs and removes older results', async () => {
  const rig = makeRig({ 'in.txt': 'one\n', 'pipeline.yaml': upper });
  await rig.run('repro');
  rig.write({ 'in.txt': 'two!\n' });
  await rig.run('repro');
  expect(files(join(rig.dir, 'cache/objects'))).toBe(2);
  expect(files(join(rig.dir, 'cache/runs'))).toBe(2);
  const r = await rig.run('gc', '--workspace', '-f');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('Removed 1 cache object (4 B) and 1 run-cache entry; 1 object kept (pipeline.lock only).\n');
  expect(files(join(rig.dir, 'cache/objects'))).toBe(1);
  expect(files(join(rig.dir, 'cache/runs'))).toBe(1);
  // what is left still restores
  rig.remove('out.txt');
  expect((await rig.run('repro')).stdout).toBe('up: restored from cache\n1 restored from cache.\n');
  expect((await rig.run('gc', '-w', '-f')).stdout).toBe('Removed 0 cache objects (0 B) and 0 run-cache entries; 1 object kept (pipeline.lock only).\n');
  // the old input now has to run again: its result was collected
  rig.write({ 'in.txt': 'one\n' });
  await rig.run('repro');
  expect(rig.count('up')).toBe(3);
});

/** The experiment record files, oldest first (two runs in one second share an id's time part). */
function records(dir: string): string[] {
  const created = (f: string): string => (JSON.parse(readFileSync(join(dir, 'metrics/experiments', f), 'utf8')) as { created: string }).created;
  return readdirSync(join(dir, 'metrics/experiments')).sort((a, b) => created(a).localeCompare(created(b)));
}

test('gc keeps what recorded experiments refer to, so exp apply still restores them', async () => {
  const rig = makeRig({ 'in.txt': 'one\n', 'pipeline.yaml': upper });
  await rig.run('repro');
  rig.write({ 'in.txt': 'two!\n' });
  await rig.run('repro');
  const [first, second] = records(rig.dir);
  expect(second).toBeDefined();
  const r = await rig.run('gc', '-f');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('Removed 0 cache objects (0 B) and 0 run-cache entries; 2 objects kept (pipeline.lock and 2 experiments).\n');
  // the first experiment's output is still there to apply
  rig.write({ 'in.txt': 'one\n' });
  const apply = await rig.run('exp', 'apply', first!.replace(/\.json$/, ''));
  expect(apply.code).toBe(0);
  expect(rig.read('out.txt')).toBe('ONE\n');
  expect(rig.count('up')).toBe(2);

  // a record deleted: what only it referred to goes
  rmSync(join(rig.dir, 'metrics/experiments', second!));
  const again = await rig.run('gc', '-f');
  expect(again.stdout).toBe('Removed 1 cache object (5 B) and 1 run-cache entry; 1 object kept (pipeline.lock and 1 experiment).\n');
});

test('gc refuses, removing nothing, when an experiment record holds an unreadable lock', async () => {
  const rig = makeRig({ 'in.txt': 'one\n', 'pipeline.yaml': upper });
  await rig.run('repro');
  rig.write({ 'in.txt': 'two!\n' });
  await rig.run('repro');
  const [first] = records(rig.dir);
  const file = join(rig.dir, 'metrics/experiments', first!);
  const rec = JSON.parse(readFileSync(file, 'utf8')) as { pipeline_lock: string };
  rec.pipeline_lock = 'stages: [';
  writeFileSync(file, JSON.stringify(rec));
  const r = await rig.run('gc', '-f');
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(new RegExp(`^error: metrics/experiments/${first!.replace('.', '\\.')} \\(pipeline_lock\\):1:\\d+: YAML syntax error: .*; nothing was removed \\(fix or delete metrics/experiments/${first!.replace('.', '\\.')}, or run \`pipe gc --workspace\` to keep only what pipeline\\.lock needs\\)\n$`));
  expect(files(join(rig.dir, 'cache/objects'))).toBe(2);
});
