// `pipe dag`: a plain list by default, `--mermaid`, `--dot`.
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
  train:
    cmd: echo
    deps: [p.txt, f.txt]
    outs: [m.txt]
`;

test('the default is a list in run order with what each stage waits for', async () => {
  const r = await makeRig({ 'pipeline.yaml': pipeline }).run('dag');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('* prep\n* feat <- prep\n* train <- prep, feat\n');
});

test('--mermaid and --dot print graph sources', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('dag', '--mermaid')).stdout).toBe(
    'flowchart TD\n  s0["prep"]\n  s1["feat"]\n  s2["train"]\n  s0 --> s1\n  s0 --> s2\n  s1 --> s2\n',
  );
  expect((await rig.run('dag', '--dot')).stdout).toBe(
    'digraph pipeline {\n  rankdir=TB;\n  "prep";\n  "feat";\n  "train";\n  "prep" -> "feat";\n  "prep" -> "train";\n  "feat" -> "train";\n}\n',
  );
  const both = await rig.run('dag', '--dot', '--mermaid');
  expect(both.code).toBe(2);
  expect(both.stderr).toBe('error: choose one of --mermaid and --dot\n');
});
