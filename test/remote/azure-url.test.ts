// azure:// URLs that cannot name a container are refused before anything is sent: no container,
// a name Blob Storage does not allow, a prefix with an empty or `..` part; exit 2, one error
// saying what to write.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { isolatedAzureEnv } from './azure-server.js';

test.each([
  ['azure://', 'it names no container (write azure://<container> or azure://<container>/<prefix>)'],
  ['azure://Pipe_Cache/p', '`Pipe_Cache` is not a valid container name (3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit)'],
  ['azure://pipe--cache', '`pipe--cache` is not a valid container name (3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit)'],
  ['azure://pipe-cache/a//b', 'the blob prefix `a//b` has an empty, `.` or `..` part'],
  ['azure://pipe-cache/a/../b', 'the blob prefix `a/../b` has an empty, `.` or `..` part'],
])('push -r %s is refused: %s', async (url, reason) => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  const r = await rig.runWith({ env: isolatedAzureEnv() }, 'push', '-r', url);
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: --remote: invalid azure:// URL ${url}: ${reason}\n`]);
});
