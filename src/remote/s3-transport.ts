// A remote in an S3 bucket (AWS, or an S3-compatible store: MinIO, R2, Ceph): `s3://bucket/prefix`
// holds the same layout as a directory remote under the prefix (`objects/<hh>/<rest>`,
// `runs/<hh>/<rest>/<id>`), so a bucket filled by `aws s3 sync` from a directory remote works, and
// the other way round. S3 makes an object visible only once its upload is complete, so no temp
// names are needed; keys that look like a directory remote's temp files are ignored all the same.
// The SDK is loaded on first use, through s3-adapter.ts.
import path from 'node:path';
import { isTempName, isValidHash, type StoreFailure } from '../stores/index.js';
import type { S3Bucket, S3BucketOptions, S3Problem } from './s3-adapter.js';
import { EXPS_DIR, RemoteError, isExpRecordFile, type RemoteCheck, type RemoteObjectInfo, type Transport } from './transport.js';

export interface S3Location {
  bucket: string;
  /** Key prefix without leading or trailing `/`; empty for the bucket's root. */
  prefix: string;
}

/** `s3://bucket/some/prefix` → its parts, or why it is not a usable S3 URL. */
export function parseS3Url(url: string): { ok: true; value: S3Location } | { ok: false; reason: string } {
  const m = /^s3:\/\/([^/]*)(?:\/(.*))?$/i.exec(url);
  const bucket = m?.[1] ?? '';
  if (bucket === '') return { ok: false, reason: 'it names no bucket (write s3://<bucket> or s3://<bucket>/<prefix>)' };
  // S3's bucket naming rules, loosely: what no bucket can be called is a typo worth saying
  if (!/^[a-z0-9][a-z0-9.\-_]{2,62}$/i.test(bucket)) return { ok: false, reason: `\`${bucket}\` is not a valid bucket name` };
  const prefix = (m?.[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix !== '' && prefix.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    return { ok: false, reason: `the key prefix \`${prefix}\` has an empty, \`.\` or \`..\` part` };
  }
  return { ok: true, value: { bucket, prefix } };
}

export interface S3TransportOptions extends S3BucketOptions {
  /** Builds the failure for a problem met while transferring (config.ts names the remote and where it was set). */
  failure?: (check: Extract<RemoteCheck, { ok: false }>) => StoreFailure;
}

export class S3Transport implements Transport {
  readonly description: string;
  private bucket: Promise<S3Bucket> | undefined;
  /**
   * The first failure that no other request can escape (endpoint gone, credentials refused):
   * later requests fail with it at once, so the transfers still queued end now instead of each
   * waiting out its own timeouts and retries.
   */
  private fatal: RemoteError | undefined;

  constructor(
    readonly location: S3Location,
    private readonly options: S3TransportOptions = {},
  ) {
    this.description = `s3://${location.bucket}${location.prefix ? `/${location.prefix}` : ''}`;
  }

  /**
   * Lists one key under the prefix: the bucket exists and these credentials may read it. Buckets
   * are never created, for a push either (their region, access and billing are the owner's call).
   * A pull from a prefix with nothing under it is refused as a missing directory remote is (a
   * mistyped prefix is one error, not one per object); a push fills it.
   */
  async open(mode: 'read' | 'write'): Promise<RemoteCheck> {
    try {
      const filled = await (await this.connect()).probe(this.key(''));
      return filled || mode === 'write' ? { ok: true } : { ok: false, reason: 'missing' };
    } catch (err) {
      return checkOf(asProblem(err), this.location.bucket);
    }
  }

  async listObjects(): Promise<Map<string, RemoteObjectInfo>> {
    const out = new Map<string, RemoteObjectInfo>();
    const base = this.key('objects/');
    await this.guard(async (b) => {
      for await (const { key, size } of b.list(base)) {
        const [shard, rest, more] = key.slice(base.length).split('/');
        if (more !== undefined || shard === undefined || rest === undefined || isTempName(rest)) continue;
        const hash = shard + rest;
        if (shard.length === 2 && isValidHash(hash)) out.set(hash, { size });
      }
    });
    return out;
  }

  async hasObject(hash: string): Promise<boolean> {
    return this.guard((b) => b.has(this.objectKey(hash)));
  }

  async getObject(hash: string, destAbs: string): Promise<boolean> {
    return this.guard((b) => b.download(this.objectKey(hash), destAbs));
  }

  async putObject(hash: string, srcAbs: string): Promise<void> {
    await this.guard((b) => b.upload(this.objectKey(hash), srcAbs));
  }

  async listRuns(): Promise<{ key: string; id: string }[]> {
    const out: { key: string; id: string }[] = [];
    const base = this.key('runs/');
    await this.guard(async (b) => {
      for await (const { key } of b.list(base)) {
        const [shard, rest, id, more] = key.slice(base.length).split('/');
        if (more !== undefined || shard === undefined || rest === undefined || id === undefined) continue;
        if (isTempName(rest) || isTempName(id) || id === '') continue;
        const runKey = shard + rest;
        if (shard.length === 2 && /^[0-9a-f]{64}$/.test(runKey)) out.push({ key: runKey, id });
      }
    });
    return out;
  }

  async getRun(key: string, id: string): Promise<string | undefined> {
    return this.guard((b) => b.getText(this.runKey(key, id)));
  }

  async putRun(key: string, id: string, text: string): Promise<void> {
    await this.guard((b) => b.putText(this.runKey(key, id), text));
  }

  async removeObjects(hashes: string[]): Promise<void> {
    await this.guard((b) => b.removeKeys(hashes.map((h) => this.objectKey(h))));
  }

  async removeRuns(entries: { key: string; id: string }[]): Promise<void> {
    await this.guard((b) => b.removeKeys(entries.map((e) => this.runKey(e.key, e.id))));
  }

  async listExpRecords(): Promise<string[]> {
    const out: string[] = [];
    const base = this.key(`${EXPS_DIR}/`);
    await this.guard(async (b) => {
      for await (const { key } of b.list(base)) {
        const name = key.slice(base.length);
        if (!name.includes('/') && isExpRecordFile(name)) out.push(name);
      }
    });
    return out.sort();
  }

  async getExpRecord(file: string): Promise<string | undefined> {
    return this.guard((b) => b.getText(this.key(`${EXPS_DIR}/${file}`)));
  }

  async putExpRecord(file: string, text: string): Promise<void> {
    // one PutObject: S3 shows the key only once it is complete
    await this.guard((b) => b.putText(this.key(`${EXPS_DIR}/${file}`), text));
  }

  private connect(): Promise<S3Bucket> {
    this.bucket ??= import('./s3-adapter.js').then((a) => a.openBucket(this.location.bucket, this.options));
    return this.bucket;
  }

  /** Runs a bucket operation; a failure the user can act on becomes a RemoteError (no stack). */
  private async guard<T>(op: (b: S3Bucket) => Promise<T>): Promise<T> {
    if (this.fatal) throw this.fatal;
    try {
      return await op(await this.connect());
    } catch (err) {
      const problem = asProblem(err);
      const check = checkOf(problem, this.location.bucket);
      const failure = this.options.failure?.(check) ?? { code: 'remote-unreachable', message: `remote ${this.description}: ${problem.detail}` };
      const error = new RemoteError(failure);
      if (problem.kind !== 'too-large' && problem.kind !== 'other') this.fatal ??= error;
      throw error;
    }
  }

  private key(rel: string): string {
    return this.location.prefix ? `${this.location.prefix}/${rel}` : rel;
  }

  private objectKey(hash: string): string {
    return this.key(`objects/${hash.slice(0, 2)}/${hash.slice(2)}`);
  }

  private runKey(key: string, id: string): string {
    return this.key(path.posix.join('runs', key.slice(0, 2), key.slice(2), id));
  }
}

/** What to do about missing AWS credentials / an endpoint that does not answer (`pipe import-url` says the same). */
export const S3_CREDENTIALS_HINT = 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN for temporary credentials), or AWS_PROFILE to a profile in ~/.aws/credentials or ~/.aws/config';
export const S3_UNREACHABLE_HINT = 'check the network, and AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL if the bucket is on an S3-compatible store';

function asProblem(err: unknown): S3Problem {
  if (err instanceof Error && err.name === 'S3Problem') return err as S3Problem;
  throw err; // not a remote's failure: a bug, keep the stack
}

/** How open() reports a problem; what to do about it goes in the hint. */
function checkOf(p: S3Problem, bucket: string): Extract<RemoteCheck, { ok: false }> {
  switch (p.kind) {
    case 'no-bucket':
      return { ok: false, reason: 'missing-bucket', detail: bucket };
    case 'no-credentials':
      return {
        ok: false, reason: 'inaccessible', detail: p.detail,
        hint: S3_CREDENTIALS_HINT,
      };
    case 'denied':
      return {
        ok: false, reason: 'inaccessible', detail: p.detail,
        hint: `check the credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the profile AWS_PROFILE names) and that they may list, read and write s3://${bucket}`,
      };
    case 'unreachable':
      return {
        ok: false, reason: 'inaccessible', detail: p.detail,
        hint: S3_UNREACHABLE_HINT,
      };
    case 'too-large':
    case 'other':
      return { ok: false, reason: 'inaccessible', detail: p.detail };
  }
}
