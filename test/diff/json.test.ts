// `pipe diff --json`: DVC's document, every key present, entries sorted by path; hashes only with
// --show-hash (a modification's as {old, new}), as `dvc diff --json` gives them.
import { expect, test } from 'vitest';
import { committedRig, sha256, TWO_STAGES } from './helpers.js';

test('--json, and --json --show-hash, exact documents', async () => {
  const rig = await committedRig();
  rig.write({ 'params.yaml': 'a: 2\n', 'pipeline.yaml': `${TWO_STAGES}  c:\n    cmd: echo c > c.txt\n    outs: [c.txt]\n` });
  expect((await rig.run('repro')).code).toBe(0);
  rig.remove('b.txt');
  const r = await rig.run('diff', '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    `${JSON.stringify({ added: [{ path: 'c.txt' }], deleted: [{ path: 'b.txt' }], modified: [{ path: 'a.txt' }], 'not in cache': [], renamed: [] }, null, 2)}\n`,
  );
  const hashed = await rig.run('diff', '--json', '--show-hash');
  expect(hashed.code).toBe(0);
  expect(hashed.stdout).toBe(
    `${JSON.stringify(
      {
        added: [{ path: 'c.txt', hash: sha256('c\n') }],
        deleted: [{ path: 'b.txt', hash: sha256('b\n') }],
        modified: [{ path: 'a.txt', hash: { old: sha256('1\n'), new: sha256('2\n') } }],
        'not in cache': [],
        renamed: [],
      },
      null,
      2,
    )}\n`,
  );
  // --hide-missing: the key goes too
  const hidden = await rig.run('diff', '--json', '--hide-missing');
  expect(Object.keys(JSON.parse(hidden.stdout))).toEqual(['added', 'deleted', 'modified', 'renamed']);
});
