// A stage key indented one space less than its siblings (` report:` under `stages:`): one YAML
// error, at that key, with the caret under it; not one more for every correctly indented stage
// after it, which the yaml package reports as well once the mapping has been closed early.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('one error, at the mis-indented key', async () => {
  const pipeline = 'stages:\n  train:\n    cmd: echo t\n report:\n    cmd: echo r\n  other:\n    cmd: echo o\n  last:\n    cmd: echo l\n';
  const r = await makeRig({ 'pipeline.yaml': pipeline }).run('status');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'error: pipeline.yaml:4:2: YAML syntax error: All mapping items must start at the same column\n   report:\n   ^\n']);
});
