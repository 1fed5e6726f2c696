// A remote in an S3 bucket (AWS, or an S3-compatible store: MinIO, R2, Ceph): `s3://bucket/prefix`
// holds the same layout as a directory remote under the prefix (`objects/<hh>/<rest>`,
// `runs/<hh>/<rest>/<id>`), so a bucket filled by `aws s3 sync` from a directory remote works, and
// the other way round. S3 makes an object visible only once its upload is complete, so no temp
// names are needed; keys that look like a directory remote's temp files are ignored all the same.
// The SDK is loaded on first use, through s3-adapter.ts.
import type { StoreFailure } from '../stores/index.js';
import type { S3Bucket, S3BucketOptions, S3Problem } from './s3-adapter.js';
import { RemoteError, type RemoteCheck, type RemoteObjectInfo, type RemoteRun, type Transport } from './transport.js';
import { KeyLayout, md5OfEtag } from './key-layout.js';

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
  /** Where each thing lies under the prefix (key-layout.ts, shared by the object store transports). */
  private readonly layout: KeyLayout;
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
    this.layout = new KeyLayout(location.prefix);
  }

  /**
   * Lists one key under the prefix: the bucket exists and these credentials may read it. Buckets
   * are never created, for a push either (their region, access and billing are the owner's call).
   * A pull from a prefix with nothing under it is refused as a missing directory remote is (a
   * mistyped prefix is one error, not one per object); a push fills it.
   */
  async open(mode: 'read' | 'write'): Promise<RemoteCheck> {
    try {
      const filled = await (await this.connect()).probe(this.layout.key(''));
      return filled || mode === 'write' ? { ok: true } : { ok: false, reason: 'missing' };
    } catch (err) {
      return checkOf(asProblem(err), this.location.bucket);
    }
  }

  async listObjects(): Promise<Map<string, RemoteObjectInfo>> {
    const out = new Map<string, RemoteObjectInfo>();
    await this.guard(async (b) => {
      for await (const { key, size } of b.list(this.layout.objects)) {
        const hash = this.layout.objectOf(key);
        if (hash !== undefined) out.set(hash, { size });
      }
    });
    return out;
  }

  async hasObject(hash: string): Promise<boolean> {
    return this.guard((b) => b.has(this.layout.objectKey(hash)));
  }

  async getObject(hash: string, destAbs: string): Promise<boolean> {
    return this.guard((b) => b.download(this.layout.objectKey(hash), destAbs));
  }

  async putObject(hash: string, srcAbs: string): Promise<void> {
    await this.guard((b) => b.upload(this.layout.objectKey(hash), srcAbs));
  }

  async listRuns(): Promise<RemoteRun[]> {
    const out: RemoteRun[] = [];
    await this.guard(async (b) => {
      for await (const { key, etag } of b.list(this.layout.runs)) {
        const run = this.layout.runOf(key, md5OfEtag(etag));
        if (run !== undefined) out.push(run);
      }
    });
    return out;
  }

  async getRun(key: string, id: string): Promise<string | undefined> {
    return this.guard((b) => b.getText(this.layout.runKey(key, id)));
  }

  async putRun(key: string, id: string, text: string): Promise<void> {
    await this.guard((b) => b.putText(this.layout.runKey(key, id), text));
  }

  async removeObjects(hashes: string[]): Promise<void> {
    await this.guard((b) => b.removeKeys(hashes.map((h) => this.layout.objectKey(h))));
  }

  async removeRuns(entries: { key: string; id: string }[]): Promise<void> {
    await this.guard((b) => b.removeKeys(entries.map((e) => this.layout.runKey(e.key, e.id))));
  }

  async listExpRecords(): Promise<string[]> {
    const out: string[] = [];
    await this.guard(async (b) => {
      for await (const { key } of b.list(this.layout.exps)) {
        const name = this.layout.expOf(key);
        if (name !== undefined) out.push(name);
      }
    });
    return out.sort();
  }

  async getExpRecord(file: string): Promise<string | undefined> {
    return this.guard((b) => b.getText(this.layout.expKey(file)));
  }

  async removeExpRecords(files: string[]): Promise<void> {
    await this.guard((b) => b.removeKeys(files.map((f) => this.layout.expKey(f))));
  }

  async putExpRecord(file: string, text: string): Promise<void> {
    // one PutObject: S3 shows the key only once it is complete
    await this.guard((b) => b.putText(this.layout.expKey(file), text));
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
