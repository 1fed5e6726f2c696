// A .pipeignore pattern that hides a declared dep or output as a whole is refused before anything
// runs (exit 2), at the .pipeignore line that does it, naming the path, its stage and where
// pipeline.yaml declares it. A pattern that only hides files inside a declared folder is fine.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  gen:
    cmd: ${JSON.stringify(counted('gen', 'mkdir -p out && cp data/raw/a.txt out/ && echo 1 > score.json'))}
    deps: [data/raw]
    outs: [out]
    metrics: [score.json]
`;

test('a pattern hiding a declared path is an error at its .pipeignore line', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'data/raw/a.txt': 'a\n', '.pipeignore': '# scratch\n*.tmp\nout\n' });
  const r = await rig.run('repro');
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(
    "error: .pipeignore:3:1: this pattern ignores 'out', an output of stage 'gen' (pipeline.yaml:5:12), so pipe would not see it: narrow the pattern, or add the line '!out' below it\n  out\n  ^\n",
  );
  expect(rig.count('gen')).toBe(0);

  // hidden through the folder holding it: no `!` line can bring it back, so none is suggested
  rig.write({ '.pipeignore': '/data/\n*.json\n' });
  const s = await rig.run('status');
  expect(s.code).toBe(2);
  expect(s.stderr).toBe(
    "error: .pipeignore:1:1: this pattern ignores 'data', the folder holding 'data/raw', a dep of stage 'gen' (pipeline.yaml:4:12), so pipe would not see it: narrow the pattern so that it leaves 'data' alone\n  /data/\n  ^\n" +
      "error: .pipeignore:2:1: this pattern ignores 'score.json', a metric of stage 'gen' (pipeline.yaml:6:15), so pipe would not see it: narrow the pattern, or add the line '!score.json' below it\n  *.json\n  ^\n",
  );

  // the suggested negation works; files inside declared folders may be ignored
  rig.write({ '.pipeignore': '*.json\n!score.json\ndata/raw/*.tmp\n' });
  const ok = await rig.run('repro');
  expect([ok.code, ok.stderr]).toEqual([0, '']);
  expect(rig.count('gen')).toBe(1);
});
