// An http(s):// server that goes away in the middle of a push: the transfer ends with a typed
// failure naming the remote, where it was configured and the network error (no exception, no
// stack). Requests after that fail at once with the same failure, without trying the network
// again, so transfers still queued end with it instead of each waiting out its retries.
import { expect, test } from 'vitest';
import { openTransport, push, RemoteError, type Transport } from '../../src/remote/index.js';
import { producedProject } from './helpers.js';
import { startHttp } from './http-server.js';

test('the server gone after open: push returns a failure, not an exception', async () => {
  const server = await startHttp();
  const f = await producedProject();
  const url = `${server.origin}/p`;
  const opened = openTransport(f.root, { url, source: 'pipe.config.yaml:1:9' }, {});
  if (!opened.ok) throw new Error(opened.failure.message);
  const real = opened.value;
  // the server stops right after the remote was checked, before anything is asked or sent
  const dying: Transport = Object.assign(Object.create(real) as Transport, {
    async open(mode: 'read' | 'write') {
      const check = await real.open(mode);
      await server.close();
      return check;
    },
  });
  const r = await push(f.root, { transport: dying });
  const host = server.origin.slice('http://'.length);
  expect(r).toEqual({
    ok: false,
    failure: {
      code: 'remote-unreachable',
      message: `pipe.config.yaml:1:9: cannot use remote ${url}: cannot reach ${host} (connect ECONNREFUSED ${host})`,
      hint: 'check the network and the remote\'s URL',
    },
  });
  // the very failure push returned, not a new one: no new request was made
  const later = await dying.getRun('0'.repeat(64), 'x').catch((err: unknown) => err);
  expect(later).toBeInstanceOf(RemoteError);
  expect((later as RemoteError).failure).toBe(!r.ok && r.failure);
  expect(server.requests).toEqual(['HEAD /p/']);
});
