// The one module that talks to `@aws-sdk/client-s3`: a handful of bucket operations in pipe's
// terms (list a prefix, get/put a file or a text, probe) and the SDK's errors sorted into the few
// kinds pipe words differently. Loaded with `await import()` by s3-transport.ts only when an
// s3:// remote is used, so no other command ever loads the SDK (test/remote/s3-lazy-sdk.test.ts).
//
// Configuration is the SDK's own: credentials from its default chain (AWS_ACCESS_KEY_ID /
// AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, AWS_PROFILE with ~/.aws/credentials and
// ~/.aws/config, SSO, web identity, container and instance roles), the region from AWS_REGION or
// the profile, and a custom endpoint from AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL. pipe adds three
// things: an S3-compatible endpoint (one of those two variables set) gets path-style addressing
// (`http://host/bucket/key`, which MinIO, Ceph and s3rver need and R2 accepts) and checksums only
// where the API requires them (many such stores reject the SDK's newer streamed checksum
// trailers; every object is re-hashed against its name on arrival anyway); a missing region
// falls back to us-east-1, with redirects to the bucket's real region followed, as the AWS CLI does.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
// types only: the SDK itself is loaded by openBucket, so a bundle holding this module without
// splitting it off (pipe doctor's) does not load it
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';

type Sdk = typeof import('@aws-sdk/client-s3');

/** What went wrong, sorted by what the user should do about it. */
export type S3ProblemKind = 'no-bucket' | 'denied' | 'no-credentials' | 'unreachable' | 'too-large' | 'other';

/** An S3 request that failed; `detail` is one line, without a stack. */
export class S3Problem extends Error {
  constructor(readonly kind: S3ProblemKind, readonly detail: string) {
    super(detail);
    this.name = 'S3Problem';
  }
}

/** The largest object one PutObject may carry (S3's limit; multipart uploads are not used). */
export const MAX_PUT_BYTES = 5 * 1024 ** 3;
/** Files up to this size are sent from memory, so the SDK can retry a failed request. */
const BUFFERED_PUT_BYTES = 8 * 1024 ** 2;

/** The custom endpoint the SDK will use from the environment, if any. */
export function customEndpoint(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
}

/** What S3 says about one object's version (`pipe import-url` / `pipe update` record and compare it). */
export interface S3ObjectInfo {
  size: number;
  etag?: string;
  /** as HTTP writes dates (`Mon, 07 Dec 2026 12:00:00 GMT`) */
  lastModified?: string;
}

export interface S3Bucket {
  /** Every key under `prefix` with its size (and version), page by page (ListObjectsV2 with continuation). */
  list(prefix: string): AsyncIterable<{ key: string } & S3ObjectInfo>;
  /**
   * Checks the bucket is there and readable with these credentials (one listing of one key);
   * true when it holds a key under `prefix`.
   */
  probe(prefix: string): Promise<boolean>;
  has(key: string): Promise<boolean>;
  /** HeadObject: the object's size and version, or undefined if there is no such key. */
  head(key: string): Promise<S3ObjectInfo | undefined>;
  /** Streams the object into `destAbs`; false if there is no such key. */
  download(key: string, destAbs: string): Promise<boolean>;
  /** As `download`, returning what the GetObject answer said of the version it sent. */
  fetch(key: string, destAbs: string): Promise<S3ObjectInfo | undefined>;
  upload(key: string, srcAbs: string): Promise<void>;
  getText(key: string): Promise<string | undefined>;
  putText(key: string, text: string): Promise<void>;
  /** DeleteObjects, 1000 keys a request (S3's most); a key already gone is no error (S3 says none). */
  removeKeys(keys: string[]): Promise<void>;
}

/** The most keys one DeleteObjects request may name (S3's limit). */
export const DELETE_BATCH = 1000;

export interface S3BucketOptions {
  /** Keys per listing page (S3's default and maximum is 1000); tests use a small one. */
  pageSize?: number;
  /**
   * A named remote's options (remote-options.ts), each winning over its environment variable:
   * `endpointurl` over AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL, `region` over AWS_REGION and the
   * profile's, `profile` over AWS_PROFILE.
   */
  endpoint?: string;
  region?: string;
  profile?: string;
}

export async function openBucket(bucket: string, options: S3BucketOptions = {}): Promise<S3Bucket> {
  // the SDK reads its settings from process.env; pipe's own choices are made from the same
  const env = process.env;
  const sdk: Sdk = await import('@aws-sdk/client-s3');
  const { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } = sdk;
  const client = await makeClient(sdk, env, options);
  const said = { endpoint: options.endpoint ?? customEndpoint(env), profile: options.profile !== undefined ? `\`${options.profile}\` (the remote's profile option)` : env.AWS_PROFILE ? `\`${env.AWS_PROFILE}\` (AWS_PROFILE)` : undefined };
  const problem = (err: unknown): S3Problem => toProblem(err, bucket, env, said);
  const send = async <T>(what: () => Promise<T>): Promise<T> => {
    try {
      return await what();
    } catch (err) {
      throw problem(err);
    }
  };
  const isMissingKey = (err: unknown): boolean => {
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
    return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
  };
  // GetObject, its body streamed to a file; what the answer said of the version comes back with it
  const fetchKey = async (key: string, destAbs: string): Promise<S3ObjectInfo | undefined> => {
    let r;
    try {
      r = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchKey') return undefined;
      throw problem(err);
    }
    const body = r.Body as Readable;
    await send(() => pipeline(body, fs.createWriteStream(destAbs)));
    return info(r.ContentLength ?? 0, r.ETag, r.LastModified);
  };
  return {
    async *list(prefix) {
      let token: string | undefined;
      do {
        const page = await send(() =>
          client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token, MaxKeys: options.pageSize })),
        );
        for (const o of page.Contents ?? []) if (o.Key !== undefined) yield { key: o.Key, ...info(o.Size ?? 0, o.ETag, o.LastModified) };
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
    },
    async probe(prefix) {
      const page = await send(() => client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1 })));
      return (page.Contents ?? []).length > 0;
    },
    async has(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (err) {
        if (isMissingKey(err)) return false;
        throw problem(err);
      }
    },
    async head(key) {
      try {
        const r = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return info(r.ContentLength ?? 0, r.ETag, r.LastModified);
      } catch (err) {
        if (isMissingKey(err)) return undefined;
        throw problem(err);
      }
    },
    async download(key, destAbs) {
      return (await fetchKey(key, destAbs)) !== undefined;
    },
    fetch: fetchKey,
    async upload(key, srcAbs) {
      const size = (await fs.promises.stat(srcAbs)).size;
      if (size > MAX_PUT_BYTES) {
        throw new S3Problem('too-large', `${srcAbs} is ${size} bytes, more than the 5 GiB one S3 upload can carry (pipe does not do multipart uploads)`);
      }
      // PutObject is atomic: the key appears only once the whole body has arrived
      const body = size <= BUFFERED_PUT_BYTES ? await fs.promises.readFile(srcAbs) : fs.createReadStream(srcAbs);
      await send(() => client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentLength: size })));
    },
    async getText(key) {
      try {
        const r = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return await send(async () => (r.Body ? await r.Body.transformToString('utf8') : ''));
      } catch (err) {
        if (err instanceof S3Problem) throw err;
        if ((err as { name?: string }).name === 'NoSuchKey') return undefined;
        throw problem(err);
      }
    },
    async putText(key, text) {
      await send(() => client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text })));
    },
    async removeKeys(keys) {
      for (let i = 0; i < keys.length; i += DELETE_BATCH) {
        const batch = keys.slice(i, i + DELETE_BATCH);
        // Quiet: the answer lists only the keys that could not be deleted
        const r = await send(() => client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } })));
        const failed = (r.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey');
        const first = failed[0];
        if (first !== undefined) {
          const why = `${first.Code ?? 'Error'}: ${first.Message ?? 'not deleted'}`;
          throw new S3Problem(first.Code === 'AccessDenied' ? 'denied' : 'other', `could not delete ${failed.length} key${failed.length === 1 ? '' : 's'} (${first.Key ?? '?'}: ${why})`);
        }
      }
    },
  };
}

function info(size: number, etag: string | undefined, lastModified: Date | undefined): S3ObjectInfo {
  const i: S3ObjectInfo = { size };
  if (etag !== undefined) i.etag = etag;
  if (lastModified !== undefined) i.lastModified = lastModified.toUTCString();
  return i;
}

async function makeClient(sdk: Sdk, env: NodeJS.ProcessEnv, options: S3BucketOptions): Promise<S3Client> {
  const config: S3ClientConfig = {
    followRegionRedirects: true,
    // an endpoint that never answers fails in seconds rather than hanging the push
    // (connectionTimeout), and one that accepts the connection and then says nothing for 20 s
    // (socketTimeout: idle time, so a large upload that keeps sending is never cut short)
    requestHandler: { connectionTimeout: 10_000, socketTimeout: 20_000 },
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...(options.region !== undefined ? { region: options.region } : {}),
    // the SDK reads the credentials (and a region) of this profile from ~/.aws, as AWS_PROFILE's
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
  };
  if (options.endpoint !== undefined || customEndpoint(env) !== undefined) {
    config.forcePathStyle = true;
    if (!env.AWS_REQUEST_CHECKSUM_CALCULATION) config.requestChecksumCalculation = 'WHEN_REQUIRED';
  }
  let client = quietClient(sdk, config);
  try {
    await client.config.region();
  } catch {
    client = quietClient(sdk, { ...config, region: 'us-east-1' });
  }
  return client;
}

/**
 * A client built without the SDK's warning that its releases after January 2027 need Node 22
 * (pipe supports Node 20; the warning would be printed on every push). The variable is the SDK's
 * own switch; it is put back at once, so stages never see it.
 */
function quietClient(sdk: Sdk, config: S3ClientConfig): S3Client {
  const name = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
  const before = process.env[name];
  process.env[name] = 'true';
  try {
    return new sdk.S3Client(config);
  } finally {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  }
}

/** Sorts an SDK error into what the user should do; never keeps the stack. */
function toProblem(err: unknown, bucket: string, env: NodeJS.ProcessEnv, said: { endpoint?: string; profile?: string }): S3Problem {
  if (err instanceof S3Problem) return err;
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e.name ?? 'Error';
  const message = oneLine(e.message ?? String(err));
  const status = e.$metadata?.httpStatusCode;
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    // one of the pair set and not the other is the usual slip: say which is missing
    const half = env.AWS_ACCESS_KEY_ID && !env.AWS_SECRET_ACCESS_KEY ? ': AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not'
      : !env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY ? ': AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not' : '';
    return new S3Problem('no-credentials', said.profile !== undefined ? `no AWS credentials found for the profile ${said.profile}` : `no AWS credentials found${half}`);
  }
  if (name === 'NoSuchBucket') return new S3Problem('no-bucket', bucket);
  if (status === 403 || ['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken'].includes(name)) {
    const why = name !== 'Unknown' && name !== 'Error' && name !== 'AccessDenied' ? ` (${name}: ${message})` : '';
    return new S3Problem('denied', `access denied${why}`);
  }
  if (status === undefined) {
    // no HTTP answer at all: refused, DNS, timeout, TLS
    const where = said.endpoint ?? 'the S3 endpoint';
    return new S3Problem('unreachable', `cannot reach ${where} (${message})`);
  }
  const text = /^UnknownError$|^$/.test(message) ? `HTTP ${status}` : `${message} (HTTP ${status})`;
  return new S3Problem('other', name !== 'Unknown' && name !== 'Error' ? `${name}: ${text}` : text);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
