// A DVC cmd writes `"${name}"`: the value reaches the program without pipe's own quotes, and the
// lock records the cmd as the shell runs it.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('${...} inside quotes in a cmd passes the value itself, not quote marks', async () => {
  const rig = makeRig({
    'params.yaml': `name: "it's x"\nlr: 0.1\npath: data/my file.csv\n`,
    'pipeline.yaml': `stages:
  q:
    cmd: printf '%s|%s|%s|%s\\n' "\${name}" "\${lr}" '\${path}' \${path} > q.txt
    outs: [q.txt]
`,
  });
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^q: running \(never ran\)\nq: ran \(\d+\.\ds\)\n1 ran\.\n$/);
  expect(rig.read('q.txt')).toBe(`it's x|0.1|data/my file.csv|data/my file.csv\n`);
  expect(rig.read('pipeline.lock')).toContain(`    cmd: printf '%s|%s|%s|%s\\n' "it's x" "0.1" 'data/my file.csv' 'data/my file.csv' > q.txt\n`);
});
