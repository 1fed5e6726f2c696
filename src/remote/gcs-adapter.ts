// The one module that talks to `@google-cloud/storage`: a handful of bucket operations in pipe's
// terms (list a prefix, get/put a file or a text, probe) and the SDK's errors sorted into the few
// kinds pipe words differently. Loaded with `await import()` by gcs-transport.ts only when a gs://
// remote is used, so no other command ever loads the SDK (test/remote/gcs-lazy-sdk.test.ts).
//
// Credentials are the SDK's own chain (Application Default Credentials): a service-account JSON
// key file named by the remote's `credentialpath` option, else GOOGLE_APPLICATION_CREDENTIALS,
// else gcloud's `application-default login` file, else the metadata server of a Google Cloud
// machine. An emulator or other custom endpoint (`endpointurl`, else STORAGE_EMULATOR_HOST) is
// used without credentials, as the SDK does, unless `credentialpath` is set for that remote.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { pool } from './pool.js';
// types only: the SDK itself is loaded by openGcsBucket
import type { Bucket, Storage, StorageOptions } from '@google-cloud/storage';

type Sdk = typeof import('@google-cloud/storage');

/** What went wrong, sorted by what the user should do about it. */
export type GcsProblemKind = 'no-bucket' | 'denied' | 'no-credentials' | 'bad-credentials' | 'unreachable' | 'other';

/** A GCS request that failed; `detail` is one line, without a stack. */
export class GcsProblem extends Error {
  constructor(readonly kind: GcsProblemKind, readonly detail: string) {
    super(detail);
    this.name = 'GcsProblem';
  }
}

export interface GcsBucket {
  /** Every object under `prefix` with its size and MD5 (hex; absent for a composite object), page by page (objects.list with pageToken). */
  list(prefix: string): AsyncIterable<{ key: string; size: number; md5?: string }>;
  /** Checks the bucket is there and readable (one listing of one object); true when it holds an object under `prefix`. */
  probe(prefix: string): Promise<boolean>;
  has(key: string): Promise<boolean>;
  /** Streams the object into `destAbs`; false (and no file left) if there is no such object. */
  download(key: string, destAbs: string): Promise<boolean>;
  /**
   * Uploads a file in one request (a simple upload: the object appears only once all of it has
   * arrived). `ifAbsent`: a content-addressed object, created only where it is not there yet
   * (which makes the request safe for the SDK to retry); one already there counts as sent.
   */
  upload(key: string, srcAbs: string, ifAbsent: boolean): Promise<void>;
  getText(key: string): Promise<string | undefined>;
  putText(key: string, text: string): Promise<void>;
  /** Deletes these objects; one already gone is no error. */
  remove(keys: string[]): Promise<void>;
}

/** Deletes in flight at once: the JSON API deletes one object per request (the SDK sends no batches). */
const DELETES_AT_ONCE = 8;

export interface GcsBucketOptions {
  /** Objects per listing page (GCS's default and maximum is 1000); tests use a small one. */
  pageSize?: number;
  /** The remote's options (remote-options.ts), each winning over its environment variable. */
  endpoint?: string;
  projectName?: string;
  credentialPath?: string;
}

/** The custom endpoint the remote uses: its `endpointurl`, else STORAGE_EMULATOR_HOST (the SDK's variable for emulators). */
export function gcsEndpoint(options: GcsBucketOptions, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = options.endpoint ?? (env.STORAGE_EMULATOR_HOST || undefined);
  if (raw === undefined) return undefined;
  // as the SDK reads the variable: a bare host:port is https
  return (/^https?:\/\//i.test(raw) ? raw : `https://${raw}`).replace(/\/+$/, '');
}

export async function openGcsBucket(name: string, options: GcsBucketOptions = {}): Promise<GcsBucket> {
  const env = process.env;
  const sdk: Sdk = await import('@google-cloud/storage');
  const endpoint = gcsEndpoint(options, env);
  const storage = makeStorage(sdk, endpoint, options);
  const bucket: Bucket = storage.bucket(name);
  const credentials = options.credentialPath !== undefined ? `the key file ${options.credentialPath} (the remote's credentialpath option)`
    : env.GOOGLE_APPLICATION_CREDENTIALS ? `the key file ${env.GOOGLE_APPLICATION_CREDENTIALS} (GOOGLE_APPLICATION_CREDENTIALS)` : undefined;
  // against a custom endpoint without a key file the SDK sends no credentials at all
  const sentNone = endpoint !== undefined && options.credentialPath === undefined;
  const problem = (err: unknown): GcsProblem => toProblem(err, name, endpoint, credentials, sentNone);
  const send = async <T>(what: () => Promise<T>): Promise<T> => {
    try {
      return await what();
    } catch (err) {
      throw problem(err);
    }
  };
  const listPage = (prefix: string, maxResults: number | undefined, pageToken: string | undefined) =>
    send(async () => {
      const [files, next] = await bucket.getFiles({ prefix, autoPaginate: false, ...(maxResults !== undefined ? { maxResults } : {}), ...(pageToken !== undefined ? { pageToken } : {}) });
      return { files, token: (next as { pageToken?: string } | null | undefined)?.pageToken };
    });
  return {
    async *list(prefix) {
      let token: string | undefined;
      do {
        const page = await listPage(prefix, options.pageSize, token);
        for (const f of page.files) {
          const md5 = typeof f.metadata.md5Hash === 'string' ? Buffer.from(f.metadata.md5Hash, 'base64').toString('hex') : '';
          yield { key: f.name, size: Number(f.metadata.size ?? 0), ...(md5.length === 32 ? { md5 } : {}) };
        }
        token = page.token;
      } while (token !== undefined && token !== '');
    },
    async probe(prefix) {
      return (await listPage(prefix, 1, undefined)).files.length > 0;
    },
    async has(key) {
      return send(async () => (await bucket.file(key).exists())[0]);
    },
    async download(key, destAbs) {
      try {
        // pipe hashes every object on arrival: the SDK's own check would only repeat it
        await pipeline(bucket.file(key).createReadStream({ validation: false }), fs.createWriteStream(destAbs));
        return true;
      } catch (err) {
        await fs.promises.rm(destAbs, { force: true });
        if (status(err) === 404) return false;
        throw problem(err);
      }
    },
    async upload(key, srcAbs, ifAbsent) {
      try {
        const size = (await fs.promises.stat(srcAbs)).size;
        await bucket.upload(srcAbs, {
          destination: key,
          resumable: false,
          timeout: uploadTimeoutMs(size),
          contentType: 'application/octet-stream',
          ...(ifAbsent ? { preconditionOpts: { ifGenerationMatch: 0 } } : {}),
        });
      } catch (err) {
        // the same content is there already (its name is its hash)
        if (ifAbsent && status(err) === 412) return;
        throw problem(err);
      }
    },
    async getText(key) {
      try {
        const [data] = await bucket.file(key).download({ validation: false });
        return data.toString('utf8');
      } catch (err) {
        if (status(err) === 404) return undefined;
        throw problem(err);
      }
    },
    async putText(key, text) {
      await send(() => bucket.file(key).save(Buffer.from(text, 'utf8'), { resumable: false, contentType: 'application/json', validation: false, timeout: uploadTimeoutMs(text.length) }));
    },
    async remove(keys) {
      await pool(keys, DELETES_AT_ONCE, async (key) => {
        await send(() => bucket.file(key).delete({ ignoreNotFound: true }));
      });
    },
  };
}

/**
 * How long a request waits for the server's answer: 20 s (the SDK's own default waits 60 s for
 * most requests and forever for uploads). An upload's answer comes once all of it is sent, so
 * its time grows with its size, as if no slower than 64 KiB/s.
 */
const ANSWER_TIMEOUT_MS = 20_000;
function uploadTimeoutMs(bytes: number): number {
  return ANSWER_TIMEOUT_MS + Math.ceil(bytes / 65_536) * 1000;
}

function makeStorage(sdk: Sdk, endpoint: string | undefined, options: GcsBucketOptions): Storage {
  const config: StorageOptions = {
    // a network failure is retried a little, not for the SDK's default 10 minutes
    retryOptions: { maxRetries: 2, totalTimeout: 60, maxRetryDelay: 4 },
    // a server that accepts the connection and then says nothing is given up (each try)
    timeout: ANSWER_TIMEOUT_MS,
    ...(options.projectName !== undefined ? { projectId: options.projectName } : {}),
    ...(options.credentialPath !== undefined ? { keyFilename: options.credentialPath } : {}),
  };
  if (endpoint !== undefined) {
    config.apiEndpoint = endpoint;
    // an emulator takes no credentials; a custom endpoint given a key file is sent them
    if (options.credentialPath !== undefined) config.useAuthWithCustomEndpoint = true;
  }
  // The SDK would take STORAGE_EMULATOR_HOST as its JSON API's base URL verbatim (without the
  // `/storage/v1` the uploads' URLs get): pipe hands the endpoint over itself, so every request
  // goes under the same root. The variable is put back at once, so stages still see it.
  const name = 'STORAGE_EMULATOR_HOST';
  const before = process.env[name];
  delete process.env[name];
  try {
    return new sdk.Storage(config);
  } finally {
    if (before !== undefined) process.env[name] = before;
  }
}

function status(err: unknown): number | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

/** Sorts an SDK error into what the user should do; never keeps the stack. */
function toProblem(err: unknown, bucket: string, endpoint: string | undefined, credentials: string | undefined, sentNone: boolean): GcsProblem {
  if (err instanceof GcsProblem) return err;
  const e = err as { message?: string; code?: unknown };
  const message = oneLine(e.message ?? String(err));
  const code = status(err);
  // no credentials anywhere: the SDK sends the request without any (a public bucket allows that)
  // and words the 401 that answers it so; a custom endpoint that wants some answers 401 in its own words
  if (/could not load the default credentials/i.test(message) || (code === 401 && sentNone)) {
    return new GcsProblem('no-credentials', code === 401 && !/could not load/i.test(message) ? `no Google Cloud credentials found (HTTP 401: ${message})` : 'no Google Cloud credentials found');
  }
  // a key file that cannot be read or is not a service-account key: found before any request is sent
  if (code === undefined && credentials !== undefined) {
    const fsCode = typeof e.code === 'string' ? FILE_ERRORS[e.code] : undefined;
    if (fsCode !== undefined) return new GcsProblem('bad-credentials', `cannot read ${credentials}: ${fsCode}`);
    if (/does not exist, or it is not a file|credential file|client_email|private_key|JSON|PEM|DECODER/i.test(message)) {
      return new GcsProblem('bad-credentials', `${credentials} is not a usable service-account key (${message})`);
    }
  }
  if (code === 404) return new GcsProblem('no-bucket', bucket);
  if (code === 401 || code === 403 || /invalid_grant|unauthorized_client|invalid_client/i.test(message)) {
    return new GcsProblem('denied', `access denied (${code !== undefined ? `HTTP ${code}: ` : ''}${message})`);
  }
  if (code === undefined) {
    // no HTTP answer at all: refused, DNS, timeout, TLS
    const why = /^network timeout at/i.test(message) ? `no answer within ${ANSWER_TIMEOUT_MS / 1000} s, tried 3 times` : message.replace(/^request to \S+ failed, reason: /, '');
    return new GcsProblem('unreachable', `cannot reach ${endpoint ?? 'Google Cloud Storage'} (${why})`);
  }
  return new GcsProblem('other', `${message} (HTTP ${code})`);
}

const FILE_ERRORS: Readonly<Record<string, string>> = { ENOENT: 'it does not exist', EISDIR: 'it is a folder', EACCES: 'permission denied' };

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
