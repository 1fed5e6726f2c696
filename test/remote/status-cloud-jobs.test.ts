// `pipe status -c -j N`: presence checks at once on an http(s) remote, as push and pull take `-j`;
// without -c it is a usage error (plain `pipe status` runs nothing), and N must be a positive integer.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { MAKE_SUM_PIPELINE as pipeline } from './helpers.js';
import { startHttp } from './http-server.js';

const env = { PIPE_REMOTE: '', PIPE_HTTP_USER: '', PIPE_HTTP_PASSWORD: '', PIPE_HTTP_TOKEN: '' };

test('status -c -j takes a number of presence checks; -j without -c, or not a positive integer: exit 2', async () => {
  // each HEAD held 300 ms: the 3 checks made at once overlap at the server even when a loaded
  // machine delays the CLI's sending of one of them (by 100 ms they did not always)
  const server = await startHttp({ headDelayMs: 300 });
  const remote = `${server.origin}/p`;
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n` });
  expect((await rig.run('repro')).code).toBe(0);
  expect((await rig.runWith({ env }, 'push', '-j', '1')).code).toBe(0);
  const before = server.maxInFlight();
  const one = await rig.runWith({ env }, 'status', '-c', '-j', '1');
  expect([one.code, one.stderr, one.stdout]).toEqual([0, '', `The local cache and the remote ${remote} are in sync (2 outputs).\n`]);
  expect([before, server.maxInFlight()]).toEqual([1, 1]);
  // the 4 objects (a.txt, b.txt, out's manifest, total.txt) asked about 3 at once
  const three = await rig.runWith({ env }, 'status', '-c', '-j', '3');
  expect([three.code, three.stderr, three.stdout]).toEqual([0, '', one.stdout]);
  expect(server.maxInFlight()).toBe(3);

  const plain = await rig.run('status', '-j', '2');
  expect([plain.code, plain.stdout, plain.stderr]).toEqual([2, '', 'error: --jobs sets how many presence checks `pipe status -c` makes at once: add -c\n']);
  const zero = await rig.runWith({ env }, 'status', '-c', '-j', '0');
  expect([zero.code, zero.stdout, zero.stderr]).toEqual([2, '', "error: option '-j, --jobs <n>' argument '0' is invalid. --jobs must be a positive integer, got \"0\"\n(run `pipe status --help` for usage)\n"]);
});
