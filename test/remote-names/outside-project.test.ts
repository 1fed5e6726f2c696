// `pipe remote ...` outside a project says so and points at `pipe init`, as every command does.
import fs from 'node:fs';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('outside a project: exit 2 and the pipe init hint', async () => {
  const rig = makeRig({ 'notes.txt': 'x\n' });
  for (const args of [['list'], ['add', 'storage', '../r']]) {
    const r = await rig.run('remote', ...args);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: no pipeline.yaml in ${fs.realpathSync(rig.dir)} or any folder above it; run pipe inside a project, or \`pipe init\` to make this folder one\n`]);
  }
  expect(rig.exists('pipe.config.yaml')).toBe(false);
});
