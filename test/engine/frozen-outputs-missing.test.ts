// A frozen stage is never run, not even by `repro -f` (as in DVC), so outputs it lacks are said,
// by status and --dry, instead of "Everything is up to date", and fail repro (as in DVC: a run
// that cannot make a declared output must not pass in CI); -f says why it did not run.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  f:
    cmd: ${JSON.stringify(counted('f', 'echo hi > f.txt && echo m > m.json'))}
    frozen: true
    outs: [f.txt]
    metrics: [m.json]
  g:
    cmd: ${JSON.stringify(counted('g', 'echo g > g.txt'))}
    outs: [g.txt]
`;

test('a frozen stage that never ran: status names its missing outputs; repro and repro -f fail it (as dvc repro does) and do not run it', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const line = "f: frozen, never ran: its outputs 'f.txt', 'm.json' are missing\n";
  const failed = "f: failed: frozen, never ran: its outputs 'f.txt', 'm.json' are missing, and a frozen stage never runs (`pipe unfreeze f` to run it, or put the outputs back)\n";
  const status = await rig.run('status');
  expect([status.code, status.stdout, status.stderr]).toEqual([0, `${line}g: would run (never ran)\n1 would run, 1 frozen with outputs missing.\n`, '']);
  const repro = await rig.run('repro');
  expect([repro.code, repro.stdout, repro.stderr]).toEqual([1, 'g: skipped (not run: an earlier stage failed)\n1 failed, 1 skipped.\n', failed]);
  // -k goes on with the stages that do not need it
  const keep = await rig.run('repro', '-k');
  expect(keep.code).toBe(1);
  expect(keep.stdout).toMatch(/^g: running \(never ran\)\ng: ran \(\d+\.\ds\)\n1 ran, 1 failed\.\n$/);
  const after = await rig.run('status');
  expect([after.code, after.stdout]).toEqual([0, `${line}1 up to date, 1 frozen with outputs missing.\n`]);

  const note = 'note: f is frozen: -f does not run it (`pipe unfreeze f` to run it)\n';
  const dry = await rig.run('repro', '--dry', '-f', 'f');
  expect([dry.code, dry.stdout, dry.stderr]).toEqual([0, `${line}1 frozen with outputs missing.\n`, note]);
  const forced = await rig.run('repro', '-f', 'f');
  expect([forced.code, forced.stdout, forced.stderr]).toEqual([1, '1 failed.\n', `${note}${failed}`]);
  expect([rig.count('f'), rig.count('g'), rig.exists('f.txt')]).toEqual([0, 1, false]);
});

test('a frozen stage whose outputs are all there is not checked, and up to date in the summary', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'f.txt': 'made by hand\n' });
  expect((await rig.run('repro', '-k')).code).toBe(1);
  // one output there, one not
  const one = await rig.run('status');
  expect(one.stdout).toBe("f: frozen, never ran: its output 'm.json' is missing\n1 up to date, 1 frozen with outputs missing.\n");
  rig.write({ 'm.json': '{}\n' });
  const all = await rig.run('status');
  expect([all.code, all.stdout]).toEqual([0, 'Everything is up to date.\n']);
  const repro = await rig.run('repro');
  expect(repro.stdout).toBe('f: frozen (not checked)\ng: up to date\nEverything is up to date.\n');
});

test('checkout of a frozen stage whose output the cache lacks points at pull, not at a repro that will not run it', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  f:\n    cmd: echo f > f.txt\n    outs: [f.txt]\n' });
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'pipeline.yaml': 'stages:\n  f:\n    cmd: echo f > f.txt\n    outs: [f.txt]\n    frozen: true\n' });
  rig.remove('f.txt');
  rig.remove('cache');
  const r = await rig.run('checkout', 'f');
  expect([r.code, r.stderr]).toEqual([1, 'f: f.txt: not in cache: run `pipe pull` (the stage is frozen, so `pipe repro` will not make it: `pipe unfreeze f` to run it)\n']);
});

test('status and --dry say that a stage after a frozen one with missing outputs is skipped, as repro then does', async () => {
  const rig = makeRig({
    'pipeline.yaml': `${pipeline}  h:\n    cmd: ${JSON.stringify(counted('h', 'cat f.txt > h.txt'))}\n    deps: [f.txt]\n    outs: [h.txt]\n`,
  });
  const skipped = "h: skipped (upstream stage 'f' would fail)\n";
  const status = await rig.run('status');
  expect(status.stdout).toBe("f: frozen, never ran: its outputs 'f.txt', 'm.json' are missing\ng: would run (never ran)\n" + skipped + '1 would run, 1 frozen with outputs missing, 1 skipped.\n');
  expect((await rig.run('repro', '--dry')).stdout).toBe(status.stdout);
  const repro = await rig.run('repro', '-k');
  expect([repro.code, repro.stdout]).toEqual([1, expect.stringContaining("h: skipped (upstream stage 'f' failed)\n")]);
  expect([rig.count('g'), rig.count('h')]).toEqual([1, 0]);
});
