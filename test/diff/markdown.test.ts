// `pipe diff --md`: a Markdown table, Status | Path (Status | Hash | Path with --show-hash), a row
// per line of the text output in the same order; the header alone when nothing changed.
import { expect, test } from 'vitest';
import { committedRig, sha256 } from './helpers.js';

test('--md, with and without --show-hash, and with nothing changed', async () => {
  const rig = await committedRig();
  const same = await rig.run('diff', '--md');
  expect(same.code).toBe(0);
  expect(same.stdout).toBe('| Status | Path |\n|---|---|\n');
  rig.write({ 'params.yaml': 'a: 2\n' });
  expect((await rig.run('repro')).code).toBe(0);
  rig.remove('b.txt');
  const r = await rig.run('diff', '--md');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('| Status | Path |\n|---|---|\n| deleted | b.txt |\n| modified | a.txt |\n');
  const hashed = await rig.run('diff', '--md', '--show-hash');
  expect(hashed.stdout).toBe(
    `| Status | Hash | Path |\n|---|---|---|\n| deleted | ${sha256('b\n').slice(0, 8)} | b.txt |\n| modified | ${sha256('1\n').slice(0, 8)}..${sha256('2\n').slice(0, 8)} | a.txt |\n`,
  );
  const both = await rig.run('diff', '--md', '--json');
  expect(both.code).toBe(2);
});
