// `pipe status <tracked path>` (or its .pipe file), as checkout, push, pull and status -c take it:
// that tracked data alone; with stage names too, those stages as well.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('status data/raw, status data/raw.pipe from a subfolder, status data/raw other', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  other:\n    cmd: echo o > o.txt\n    outs: [o.txt]\n', 'data/raw/a.txt': 'a\n', 'sub/x.txt': 'x\n' });
  expect((await rig.run('add', 'data/raw')).code).toBe(0);
  const clean = await rig.run('status', 'data/raw');
  expect([clean.code, clean.stdout, clean.stderr]).toEqual([0, 'Everything is up to date.\n', '']);
  rig.write({ 'data/raw/a.txt': 'edited\n' });
  const line = 'data/raw: modified (differs from data/raw.pipe): `pipe add data/raw` records the change, `pipe checkout data/raw` restores what data/raw.pipe records\n';
  const sub = await rig.runWith({ cwd: 'sub' }, 'status', '../data/raw.pipe');
  expect([sub.code, sub.stdout]).toEqual([0, `${line}1 tracked path changed.\n`]);
  const both = await rig.run('status', 'data/raw', 'other');
  expect([both.code, both.stdout]).toEqual([0, `${line}other: would run (never ran)\n1 tracked path changed, 1 would run.\n`]);
});
