// A malformed tracking file is a typed failure pointing at its line and column, with the line and
// a caret, and what to do; every command that reads tracking files stops on it (exit 2).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const hint = '(fix data/raw.pipe, or delete it and run `pipe add` on its data again)';

test('status, checkout, add, push and gc name the file, line and column', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages: {}\n',
    'data/raw.pipe': "schema: '1'\nouts:\n  - path: raw\n    hash: 1234\n    size: 3\n    nfiles: 1\n",
  });
  const expected = `error: data/raw.pipe:4:11: outs[0].hash must be a sha256 hex digest (optionally ending in .dir) ${hint}\n      hash: 1234\n            ^\n`;
  for (const args of [['status'], ['checkout'], ['add', 'other'], ['push', '-r', 'remote']]) {
    const r = await rig.run(...args);
    expect([args, r.code, r.stdout, r.stderr]).toEqual([args, 2, '', expected]);
  }
  const gc = await rig.run('gc', '-f');
  expect([gc.code, gc.stderr]).toEqual([2, expected.replace(hint, `${hint}; nothing was removed`)]);
});

test('a path leaving the folder, a foreign schema and an unknown key', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  const cases: [string, string][] = [
    [
      "schema: '1'\nouts:\n  - path: ../raw\n    hash: 1234\n",
      `error: data/raw.pipe:3:11: outs[0].path must be a path relative to this file's folder, inside it (\`raw\`, not \`../raw\` or \`/data/raw\`) ${hint}\n    - path: ../raw\n            ^\n`,
    ],
    // a newer pipe's file: refused for its schema, before any key that pipe added is looked at
    ["schema: '3'\nouts: []\nchecksum: x\n", `error: data/raw.pipe:1:9: unsupported schema "3" (this pipe reads schemas '1' and '2'): a newer pipe wrote it; upgrade pipe to read it ${hint}\n  schema: '3'\n          ^\n`],
    // `source` (pipe import-url's) is schema '2' only
    ["schema: '1'\nsource:\n  url: http://h/raw\nouts: []\n", `error: data/raw.pipe:2:1: \`source\` needs schema '2' (this file says '1') (fix data/raw.pipe, or delete it and run \`pipe import-url --force\` on its source again)\n  source:\n  ^\n`],
    ["schema: '1'\nouts:\n  - path: raw\n    md5: abc\n", `error: data/raw.pipe:4:5: outs[0]: unknown key \`md5\` (a newer pipe may have written data/raw.pipe: upgrade pipe to read it; otherwise ${hint.slice(1)}\n      md5: abc\n      ^\n`],
  ];
  for (const [text, stderr] of cases) {
    rig.write({ 'data/raw.pipe': text });
    const r = await rig.run('status');
    expect([r.code, r.stderr]).toEqual([2, stderr]);
  }
});
