// An S3 endpoint that goes away in the middle of a push: the transfer ends with a typed failure
// naming the remote, where it was configured and the network error (no exception, no stack).
// Requests after that fail at once with the same failure, without trying the network again, so
// transfers still queued end with it instead of each waiting out its retries.
import { expect, onTestFinished, test, vi } from 'vitest';
import { openTransport, push, RemoteError, type Transport } from '../../src/remote/index.js';
import { producedProject } from './helpers.js';
import { BUCKET, startS3 } from './s3-server.js';

test('the endpoint gone after open: push returns a failure, not an exception', async () => {
  const s3 = await startS3();
  for (const [k, v] of Object.entries(s3.env)) vi.stubEnv(k, v); // the SDK reads process.env
  onTestFinished(() => {
    vi.unstubAllEnvs();
  });
  const f = await producedProject();
  const url = `s3://${BUCKET}/p`;
  const opened = openTransport(f.root, { url, source: 'pipe.config.yaml:1:9' });
  if (!opened.ok) throw new Error(opened.failure.message);
  const real = opened.value;
  // the server stops right after the remote was checked, before anything is listed or sent
  const dying: Transport = Object.assign(Object.create(real) as Transport, {
    async open(mode: 'read' | 'write') {
      const check = await real.open(mode);
      await s3.close();
      return check;
    },
  });
  const r = await push(f.root, { transport: dying });
  expect(r).toEqual({
    ok: false,
    failure: {
      code: 'remote-unreachable',
      message: expect.stringMatching(new RegExp(`^pipe\\.config\\.yaml:1:9: cannot use remote ${url}: cannot reach ${s3.endpoint} \\(.*(ECONNREFUSED|ECONNRESET|socket hang up).*\\)$`)),
      hint: 'check the network, and AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL if the bucket is on an S3-compatible store',
    },
  });
  // the very failure push returned, not a new one: no new request was made
  const later = await dying.listRuns().catch((err: unknown) => err);
  expect(later).toBeInstanceOf(RemoteError);
  expect((later as RemoteError).failure).toBe(!r.ok && r.failure);
});
