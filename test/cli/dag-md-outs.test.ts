// `pipe dag --md` (the Mermaid flowchart in a Markdown code block, DVC's) and `--outs` (the graph
// of the outputs: each with the outputs its stage reads).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = `stages:
  prep:
    cmd: echo
    outs: [p.txt, data]
  feat:
    cmd: echo
    deps: [data/x.csv]
    outs: [f.txt]
  train:
    cmd: echo
    deps: [p.txt, f.txt]
    outs: [m.txt]
    metrics: [score.json]
  note:
    cmd: echo
`;

test('--md wraps the Mermaid flowchart in a ```mermaid block', async () => {
  const r = await makeRig({ 'pipeline.yaml': pipeline }).run('dag', '--md');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('```mermaid\nflowchart TD\n  s0["prep"]\n  s1["feat"]\n  s2["train"]\n  s3["note"]\n  s0 --> s1\n  s0 --> s2\n  s1 --> s2\n```\n');
});

test('--outs: each output with the outputs its stage reads, in each format; a stage without outputs has none', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const list = await rig.run('dag', '--outs');
  expect([list.code, list.stdout]).toEqual([0, '* p.txt\n* data\n* f.txt <- data\n* m.txt <- p.txt, f.txt\n* score.json <- p.txt, f.txt\n']);
  expect((await rig.run('dag', '--outs', '--md', 'feat')).stdout).toBe('```mermaid\nflowchart TD\n  o0["p.txt"]\n  o1["data"]\n  o2["f.txt"]\n  o1 --> o2\n```\n');
  expect((await rig.run('dag', '--outs', '--dot', 'feat')).stdout).toBe('digraph pipeline {\n  rankdir=TB;\n  "p.txt";\n  "data";\n  "f.txt";\n  "data" -> "f.txt";\n}\n');
});

test('two formats at once are a usage error', async () => {
  const r = await makeRig({ 'pipeline.yaml': pipeline }).run('dag', '--md', '--dot');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('error: choose one of --md and --dot\n');
});
