// `pipe dag <targets>` (DVC's `dvc dag <target>`): only the targets and the stages upstream of
// them, edges among those only; `--downstream` adds the stages that depend on them, `--glob` takes
// patterns; an unknown target is exit 2 with the stage list.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = `stages:
  prep:
    cmd: echo
    outs: [p.txt]
  feat:
    cmd: echo
    deps: [p.txt]
    outs: [f.txt]
  other:
    cmd: echo
    outs: [o.txt]
  train:
    foreach: [1, 2]
    do:
      cmd: echo
      deps: [f.txt]
      outs: ["m\${item}.txt"]
`;

test('a target and what it waits for; --downstream; --glob; an unknown target', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('dag', 'feat')).stdout).toBe('* prep\n* feat <- prep\n');
  expect((await rig.run('dag', 'train@2', '--dot')).stdout).toBe('digraph pipeline {\n  rankdir=TB;\n  "prep";\n  "feat";\n  "train@2";\n  "prep" -> "feat";\n  "feat" -> "train@2";\n}\n');
  expect((await rig.run('dag', 'feat', '--downstream')).stdout).toBe('* feat\n* train@1 <- feat\n* train@2 <- feat\n');
  expect((await rig.run('dag', '--glob', 'o*')).stdout).toBe('* other\n');
  const unknown = await rig.run('dag', 'fet');
  expect([unknown.code, unknown.stdout, unknown.stderr]).toEqual([2, '', "error: no stage named 'fet' in pipeline.yaml (stages: prep, feat, other, train@{1,2}); did you mean 'feat'?\n"]);
});
