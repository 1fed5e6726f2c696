// push, pull and status -c with a pipeline.yaml that does not load: the error, exit 2, nothing
// moved (they worked from pipeline.lock alone and exited 0: a CI push passed with a broken pipeline).
import { rmSync, existsSync } from 'node:fs';
import { expect, onTestFinished, test } from 'vitest';
import { makeRig } from '../rig.js';

test('a YAML error in pipeline.yaml stops push, pull and status -c', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n' });
  const remote = `${rig.dir}-remote`;
  onTestFinished(() => rmSync(remote, { recursive: true, force: true }));
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  rig.write({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo a > a.txt\n   outs: [a.txt]\n' });
  for (const args of [['push', '-r', remote], ['pull', '-r', remote], ['status', '-c', '-r', remote]]) {
    const r = await rig.run(...args);
    expect([args[0], r.code, r.stdout, r.stderr.split('\n')[0]]).toEqual([args[0], 2, '', 'error: pipeline.yaml:4:4: YAML syntax error: All mapping items must start at the same column']);
  }
  expect(existsSync(remote)).toBe(false);
});
