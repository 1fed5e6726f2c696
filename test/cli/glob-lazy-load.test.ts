// picomatch is loaded only by a command given --glob (src/engine/glob-adapter.ts): `pipe status`
// and `pipe repro` without it never require it, so a warm no-op costs what it did before. Node's
// own module debug log (NODE_DEBUG=module, on stderr) names every CommonJS file loaded; the run
// with --glob shows the log does see it.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { GLOB_PIPELINE } from './glob-pipeline.js';

test('without --glob nothing loads picomatch; with it, it is loaded', async () => {
  const rig = makeRig({ 'pipeline.yaml': GLOB_PIPELINE });
  const env = { NODE_DEBUG: 'module' };
  const loads = (stderr: string) => stderr.split('\n').filter((l) => /picomatch/.test(l)).length;
  const repro = await rig.runWith({ env }, 'repro', 'other');
  expect(repro.code).toBe(0);
  expect(loads(repro.stderr)).toBe(0);
  const status = await rig.runWith({ env }, 'status', 'sweep');
  expect(status.code).toBe(0);
  expect(loads(status.stderr)).toBe(0);
  const glob = await rig.runWith({ env }, 'status', '--glob', 'sweep@*');
  expect(glob.code).toBe(0);
  expect(loads(glob.stderr)).toBeGreaterThan(0);
});
