// `pipe init` where pipeline.yaml already exists: refused, exit 2, the file left as it was.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('refuses, naming the folder, and leaves pipeline.yaml alone', async () => {
  const text = 'stages:\n  a:\n    cmd: echo a\n';
  const rig = makeRig({ 'pipeline.yaml': text });
  const r = await rig.run('init');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    `error: pipeline.yaml already exists in ${rig.dir}: this folder is a pipe project already; add stages with \`pipe stage add\`\n`,
  ]);
  expect(rig.read('pipeline.yaml')).toBe(text);
  expect(rig.exists('.gitignore')).toBe(false);
});
