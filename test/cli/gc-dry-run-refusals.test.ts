// `pipe gc --dry-run` refuses where `pipe gc` does (a temp or queued experiment running, another
// `pipe repro` holding the project, an unreadable experiment record): what it would count then
// includes outputs no record names yet, numbers a real gc would never act on. Nothing is removed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig, type Rig } from '../rig.js';

const pipeline = `stages:
  up:
    cmd: tr a-z A-Z < in.txt > out.txt
    deps: [in.txt]
    outs: [out.txt]
`;

async function twoRuns(): Promise<Rig> {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'in.txt': 'one\n' });
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'in.txt': 'two!\n' });
  expect((await rig.run('repro')).code).toBe(0);
  return rig;
}

function objects(rig: Rig): string[] {
  return readdirSync(join(rig.dir, 'cache/objects'), { recursive: true }).map(String).sort();
}

test('gc --dry-run refuses while an experiment runs outside the workspace, exit 1', async () => {
  const rig = await twoRuns();
  const before = objects(rig);
  rig.write({ '.pipe/exps/20261207-010000-aaaa.pid': `${process.pid}\n` }); // a live claim: this test process
  for (const [args, again] of [[['--dry-run'], 'pipe gc -n'], [['-n', '-w'], 'pipe gc -w -n']] as const) {
    const r = await rig.run('gc', ...args);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      1,
      '',
      `error: an experiment is running outside the workspace (pid ${process.pid}: \`pipe exp run --temp\` or \`pipe exp queue start\`); the cache holds its outputs before any record names them, so nothing was removed\n` +
        `hint: run \`${again}\` when it is done\n`,
    ]);
  }
  expect(objects(rig)).toEqual(before);
});

test('gc --dry-run refuses while a pipe repro holds the project, exit 1', async () => {
  const rig = await twoRuns();
  const before = objects(rig);
  rig.write({ '.pipe/repro.lock': `${process.pid}\n` }); // held by a live process: this test
  for (const args of [['--dry-run'], ['-n', '--workspace']]) {
    const r = await rig.run('gc', ...args);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `error: ${rig.dir} is locked by pid ${process.pid} (a \`pipe repro\` is running); try again when it is done\n`]);
  }
  expect(objects(rig)).toEqual(before);
});

test('gc --dry-run refuses an experiment record with an unreadable lock, exit 2; --workspace does not read records', async () => {
  const rig = await twoRuns();
  const before = objects(rig);
  const dir = join(rig.dir, 'metrics/experiments');
  const [first] = readdirSync(dir).sort();
  const file = join(dir, first!);
  const rec = JSON.parse(readFileSync(file, 'utf8')) as { pipeline_lock: string };
  rec.pipeline_lock = 'stages: [';
  writeFileSync(file, JSON.stringify(rec));
  const r = await rig.run('gc', '--dry-run');
  expect([r.code, r.stdout]).toEqual([2, '']);
  expect(r.stderr).toMatch(
    new RegExp(`^error: metrics/experiments/${first!.replace('.', '\\.')} \\(pipeline_lock\\):1:\\d+: YAML syntax error: .*; nothing was removed \\(fix or delete metrics/experiments/${first!.replace('.', '\\.')}, or run \`pipe gc --workspace\` to keep only what pipeline\\.lock needs\\)\n$`),
  );
  const w = await rig.run('gc', '--dry-run', '--workspace');
  expect([w.code, w.stderr, w.stdout]).toEqual([0, '', 'Would remove 1 cache object (4 B) and 1 run-cache entry; 1 object would be kept (pipeline.lock only).\n']);
  expect(objects(rig)).toEqual(before);
});
