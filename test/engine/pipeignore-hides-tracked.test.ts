// A .pipeignore pattern that hides data `pipe add` tracks is refused at its line, as one hiding a
// dep or output is: the data would look empty, and a `pipe add` then would record nothing and
// leave the real data's objects to `pipe gc`. `pipe add` refuses a path it hides.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('status refuses a pattern hiding added data; add refuses a hidden path', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'raw/a.txt': 'a\n', 'tmp/b.txt': 'b\n' });
  expect((await rig.run('add', 'raw')).code).toBe(0);
  rig.write({ '.pipeignore': '# scratch\nraw/\ntmp\n' });
  const status = await rig.run('status');
  expect([status.code, status.stdout]).toEqual([2, '']);
  expect(status.stderr).toBe("error: .pipeignore:2:1: this pattern ignores 'raw', data raw.pipe tracks, so pipe would not see it: narrow the pattern, or add the lines '!raw' and '!raw/**' below it\n  raw/\n  ^\n");
  const add = await rig.run('add', 'tmp');
  expect([add.code, add.stderr.split('\n')[0]]).toEqual([2, 'error: .pipeignore:2:1: this pattern ignores \'raw\', data raw.pipe tracks, so pipe would not see it: narrow the pattern, or add the lines \'!raw\' and \'!raw/**\' below it']);
  rig.write({ '.pipeignore': '# scratch\ntmp\n' });
  const hidden = await rig.run('add', 'tmp');
  expect([hidden.code, hidden.stderr]).toEqual([2, "error: .pipeignore:2:1: this pattern ignores 'tmp', the path given to pipe add, so pipe would not see it: narrow the pattern, or add the lines '!tmp' and '!tmp/**' below it\n  tmp\n  ^\n"]);
  expect(rig.exists('tmp.pipe')).toBe(false);
  expect((await rig.run('status')).code).toBe(0);
});
