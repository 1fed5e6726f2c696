// `pipe ... | head`: when the reader of pipe's output goes away, the rest of the output is dropped
// and the command ends as it would have (exit code 0 here), with no stack trace on stderr.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('a reader that stops after the first chunk does not crash the command', async () => {
  // far more than a pipe's buffer (64 KiB), so writes are still pending when the reader leaves
  const metrics = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`key_${i}`, i]));
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  eval:\n    cmd: echo\n    metrics: [m.json]\n',
    'm.json': JSON.stringify(metrics),
  });
  const { child, done } = rig.start(['metrics', 'show']);
  let first = '';
  child.stdout?.once('data', (d: Buffer) => {
    first = d.toString();
    child.stdout?.destroy();
  });
  const r = await done;
  expect(first.startsWith('Path    Metric     Value\nm.json  key_0      0\n')).toBe(true);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
});
