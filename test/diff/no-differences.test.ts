// `pipe diff` when nothing tracked changed: nothing on stdout (as `dvc diff`), a note on stderr
// (as `pipe metrics diff`), exit 0; an edit outside the tracked files changes nothing.
import { expect, test } from 'vitest';
import { committedRig } from './helpers.js';

test('nothing changed: no output, a note, exit 0', async () => {
  const rig = await committedRig();
  rig.write({ 'notes.txt': 'not tracked by pipe\n' });
  const r = await rig.run('diff');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe('note: no differences between HEAD and workspace\n');
  const json = await rig.run('diff', '--json');
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toEqual({ added: [], deleted: [], modified: [], 'not in cache': [], renamed: [] });
});
