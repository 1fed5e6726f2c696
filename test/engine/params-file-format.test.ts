// Params files are YAML or JSON. A TOML or Python one (which DVC also reads) is refused at the
// entry naming it, saying so, rather than reported as a YAML syntax error inside it.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('a TOML or Python params file is refused at its entry; a JSON one is read', async () => {
  const rig = makeRig({
    'cfg.toml': '[train]\nlr = 0.1\n',
    'cfg.py': 'LR = 0.1\n',
    'cfg.json': '{"train": {"lr": 0.1}}\n',
    'pipeline.yaml': 'stages:\n  s:\n    cmd: echo\n    params:\n      - cfg.toml: [train.lr, train.x]\n      - cfg.py:\n',
  });
  const r = await rig.run('status');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: pipeline.yaml:5:9: params file 'cfg.toml' of stage 's' is TOML: pipe reads YAML and JSON params files only (DVC also reads TOML and Python ones); write it as YAML\n        - cfg.toml: [train.lr, train.x]\n          ^\n" +
      "error: pipeline.yaml:6:9: params file 'cfg.py' of stage 's' is Python: pipe reads YAML and JSON params files only (DVC also reads TOML and Python ones); write it as YAML\n        - cfg.py:\n          ^\n",
  ]);
  rig.write({ 'pipeline.yaml': 'stages:\n  s:\n    cmd: echo > s.txt\n    params:\n      - cfg.json: [train.lr]\n    outs: [s.txt]\n' });
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('pipeline.lock')).toContain('    params:\n      cfg.json:\n        train.lr: 0.1\n');
});
