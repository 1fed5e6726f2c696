// An S3 server for the s3:// remote tests: s3rver, in a child process (s3-server-process.mjs says
// why), on 127.0.0.1 at a free port, storing into a temp folder, with one bucket; stopped when the
// test ends. `env` is what a pipe
// run needs to use it: the endpoint (pipe then addresses buckets path-style), s3rver's fixed
// credentials, a region, and no ~/.aws files or instance metadata, so the machine's own AWS
// setup never leaks in.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { onTestFinished } from 'vitest';
import { tempDir } from './helpers.js';

export const BUCKET = 'pipe-cache';

export interface S3Server {
  endpoint: string;
  env: Record<string, string>;
  /** Every key in the bucket, sorted. */
  keys(): Promise<string[]>;
  /** The number of keys of each DeleteObjects request the server answered, in order (one naming more than 1000 keys fails). */
  deleteRequests(): number[];
  /** The key of each GET of one object the server answered, in order. */
  getRequests(): string[];
  /** Stores an object directly (what another tool, `aws s3 sync` say, would put there). */
  put(key: string, body: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** What every s3:// test run gets besides the endpoint: no profile files, no metadata service. */
export function isolatedAwsEnv(endpoint: string): Record<string, string> {
  const none = path.join(tempDir(), 'no-such-aws-file');
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
    AWS_SHARED_CREDENTIALS_FILE: none,
    AWS_CONFIG_FILE: none,
    AWS_EC2_METADATA_DISABLED: 'true',
    PIPE_REMOTE: '',
  };
}

export async function startS3(): Promise<S3Server> {
  const script = fileURLToPath(new URL('./s3-server-process.mjs', import.meta.url));
  const folder = tempDir();
  const child = spawn(process.execPath, ['--openssl-legacy-provider', script, folder, BUCKET], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  const close = async (): Promise<void> => {
    child.stdin?.end();
    await exited;
  };
  onTestFinished(close);
  const first = await new Promise<string | undefined>((res) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', res);
    child.once('exit', () => res(undefined));
  });
  if (first === undefined) throw new Error('s3rver did not start');
  const { port } = JSON.parse(first) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  // the SDK's warning about Node 20 is switched off for this client only: the pipe runs must
  // not inherit the switch (they have to keep stderr clean on their own)
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const client = new S3Client({
    endpoint, forcePathStyle: true, region: 'us-east-1', requestChecksumCalculation: 'WHEN_REQUIRED',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  return {
    endpoint,
    env: isolatedAwsEnv(endpoint),
    async keys() {
      const out: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: token }));
        for (const o of page.Contents ?? []) out.push(o.Key ?? '');
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
      return out.sort();
    },
    deleteRequests() {
      const file = path.join(folder, '.delete-requests');
      return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map(Number) : [];
    },
    getRequests() {
      const file = path.join(folder, '.get-requests');
      return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : [];
    },
    async put(key, body) {
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
    },
    close,
  };
}

/** A port on 127.0.0.1 where nothing listens (taken, then released). */
export async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((res) => srv.listen(0, '127.0.0.1', res));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((res) => srv.close(() => res()));
  return port;
}
