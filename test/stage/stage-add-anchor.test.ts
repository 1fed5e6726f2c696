// `pipe stage add -f` over a stage holding a YAML anchor another stage's alias uses: the new file
// would hold an alias with no anchor. Refused at the alias's line, pipeline.yaml unchanged (it
// crashed with the yaml package's ReferenceError).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('replacing a stage whose anchor another stage uses is refused at the alias, file unchanged', async () => {
  const before = `stages:
  a:
    cmd: &c echo hi > a.txt
    outs: [a.txt]
  b:
    cmd: *c
    outs: [b.txt]
`;
  const rig = makeRig({ 'pipeline.yaml': before });
  const r = await rig.run('stage', 'add', '-f', '-n', 'a', '-o', 'a.txt', 'echo yo > a.txt');
  expect([r.code, r.stdout]).toEqual([2, '']);
  expect(r.stderr).toBe(`error: pipeline.yaml:7:10: YAML syntax error: alias *c has no anchor &c before it
      cmd: *c
           ^
error: stage 'a' was not replaced: pipeline.yaml would not load with it (the lines shown are those of the file it would have written; pipeline.yaml is unchanged)
`);
  expect(rig.read('pipeline.yaml')).toBe(before);
});
