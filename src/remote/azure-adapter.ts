// The one module that talks to `@azure/storage-blob`: the few container operations pipe needs
// (list a prefix, get/put a file or a text, probe), in pipe's terms, and the SDK's errors sorted
// into the kinds pipe words differently. Loaded with `await import()` by azure-transport.ts only
// when an azure:// remote is used, so no other command loads the SDK
// (test/remote/azure-lazy-sdk.test.ts).
//
// Credentials, as DVC takes them (first that applies): a connection string (which names the
// endpoint too); the storage account's name with its key (shared-key signing) or a SAS token; the
// account's name alone, for a container that allows anonymous reads. The remote's own options
// (remote-options.ts) are given first; azure-transport.ts falls back to the environment.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { pool } from './pool.js';
// types only: the SDK itself is loaded by openContainer
import type { ContainerClient, StoragePipelineOptions } from '@azure/storage-blob';

/** What went wrong, sorted by what the user should do about it. */
export type AzureProblemKind = 'no-container' | 'denied' | 'no-credentials' | 'bad-credentials' | 'unreachable' | 'other';

/** A Blob Storage request that failed; `detail` is one line, without a stack. */
export class AzureProblem extends Error {
  constructor(readonly kind: AzureProblemKind, readonly detail: string) {
    super(detail);
    this.name = 'AzureProblem';
  }
}

/** How to reach and sign in to the storage account (azure-transport.ts fills it from options and environment). */
export interface AzureAccess {
  connectionString?: string;
  accountName?: string;
  accountKey?: string;
  sasToken?: string;
  /** The blob service's URL (`http://127.0.0.1:10000/devstoreaccount1` for Azurite); default `https://<account>.blob.core.windows.net`. */
  endpoint?: string;
  /** Blobs per listing page (the service's default and maximum is 5000); tests use a small one. */
  pageSize?: number;
}

export interface AzureContainer {
  /** Every blob under `prefix` with its size and, where the service keeps it, MD5 (hex), page by page. */
  list(prefix: string): AsyncIterable<{ key: string; size: number; md5?: string }>;
  /** Checks the container is there and listable with these credentials; true when it holds a blob under `prefix`. */
  probe(prefix: string): Promise<boolean>;
  has(key: string): Promise<boolean>;
  /** Streams the blob into `destAbs`; false if there is no such blob. */
  download(key: string, destAbs: string): Promise<boolean>;
  upload(key: string, srcAbs: string): Promise<void>;
  getText(key: string): Promise<string | undefined>;
  putText(key: string, text: string): Promise<void>;
  /** Deletes these blobs (with their snapshots); one already gone is no error. */
  remove(keys: string[]): Promise<void>;
}

/**
 * Deletes in flight at once. One Delete Blob request per blob, not a Blob Batch: Azurite (the
 * emulator tests and local setups use) does not answer batches the service's way, and a SAS or
 * anonymous client cannot sign one.
 */
const DELETES_AT_ONCE = 8;

/**
 * How long the first request (the probe `open` makes) may wait for an answer: the SDK has no
 * connection timeout, so an endpoint that never answers would otherwise hang for the system's
 * TCP timeouts, retried. Transfers have none (a large block may take long on a slow link).
 */
const PROBE_MS = 20_000;

/** Files up to this size go in one Put Blob request; larger ones as 8 MiB blocks, committed at the end. */
const BLOCK_BYTES = 8 * 1024 ** 2;

export async function openContainer(container: string, access: AzureAccess): Promise<AzureContainer> {
  const sdk = await import('@azure/storage-blob');
  const options: StoragePipelineOptions = {
    // a refused or dropped connection is retried a few times, quickly: an endpoint that is down
    // fails the command in seconds, not after the SDK's default of minutes of back-off
    retryOptions: { maxTries: 4, retryDelayInMs: 500, maxRetryDelayInMs: 4000 },
  };
  let client: ContainerClient;
  try {
    if (access.connectionString !== undefined) {
      client = sdk.BlobServiceClient.fromConnectionString(access.connectionString, options).getContainerClient(container);
    } else if (access.accountName !== undefined) {
      const endpoint = (access.endpoint ?? `https://${access.accountName}.blob.core.windows.net`).replace(/\/+$/, '');
      if (access.accountKey !== undefined) {
        const credential = new sdk.StorageSharedKeyCredential(access.accountName, access.accountKey);
        client = new sdk.BlobServiceClient(endpoint, credential, options).getContainerClient(container);
      } else {
        // a SAS token is the URL's query; none: anonymous, for a container open to public reads
        const sas = access.sasToken === undefined ? '' : `?${access.sasToken.replace(/^\?/, '')}`;
        client = new sdk.BlobServiceClient(`${endpoint}${sas}`, new sdk.AnonymousCredential(), options).getContainerClient(container);
      }
    } else {
      throw new AzureProblem('no-credentials', 'no storage account given');
    }
  } catch (err) {
    if (err instanceof AzureProblem) throw err;
    // the SDK parses a connection string or key as it builds the client
    throw new AzureProblem('bad-credentials', oneLine((err as Error).message ?? String(err)));
  }
  // the service's address for messages: the origin alone, never a SAS token's query
  const where = new URL(client.url).origin;
  const toProblem = (err: unknown): AzureProblem => problemOf(err, container, where);
  const send = async <T>(what: () => Promise<T>): Promise<T> => {
    try {
      return await what();
    } catch (err) {
      throw toProblem(err);
    }
  };
  const isMissing = (err: unknown): boolean => {
    const e = err as { statusCode?: number; code?: string };
    return e.statusCode === 404 && e.code !== 'ContainerNotFound';
  };
  const pages = (prefix: string, maxPageSize: number | undefined, abortSignal?: AbortSignal) =>
    client.listBlobsFlat({ prefix, ...(abortSignal === undefined ? {} : { abortSignal }) }).byPage(maxPageSize === undefined ? {} : { maxPageSize });
  const readText = async (key: string): Promise<string | undefined> => {
    try {
      const r = await client.getBlobClient(key).download();
      const chunks: Buffer[] = [];
      for await (const c of r.readableStreamBody as Readable) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
      return Buffer.concat(chunks).toString('utf8');
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw toProblem(err);
    }
  };
  return {
    async *list(prefix) {
      const it = pages(prefix, access.pageSize);
      for (;;) {
        const page = await send(() => it.next());
        if (page.done === true) return;
        for (const b of page.value.segment.blobItems) {
          // Content-MD5: the service's for a blob put whole, absent for one put in blocks
          const md5 = b.properties.contentMD5 === undefined ? '' : Buffer.from(b.properties.contentMD5).toString('hex');
          yield { key: b.name, size: b.properties.contentLength ?? 0, ...(md5.length === 32 ? { md5 } : {}) };
        }
      }
    },
    async probe(prefix) {
      const page = await send(() => pages(prefix, 1, AbortSignal.timeout(PROBE_MS)).next());
      return page.done !== true && page.value.segment.blobItems.length > 0;
    },
    async has(key) {
      try {
        await client.getBlobClient(key).getProperties();
        return true;
      } catch (err) {
        if (isMissing(err)) return false;
        throw toProblem(err);
      }
    },
    async download(key, destAbs) {
      let r;
      try {
        r = await client.getBlobClient(key).download();
      } catch (err) {
        if (isMissing(err)) return false;
        throw toProblem(err);
      }
      await send(() => pipeline(r.readableStreamBody as Readable, fs.createWriteStream(destAbs)));
      return true;
    },
    async upload(key, srcAbs) {
      // one Put Blob, or blocks that are invisible until the final Put Block List: either way the
      // blob appears only once the whole file has arrived
      await send(() => client.getBlockBlobClient(key).uploadFile(srcAbs, { blockSize: BLOCK_BYTES, maxSingleShotSize: BLOCK_BYTES, concurrency: 2 }));
    },
    getText: readText,
    async putText(key, text) {
      const body = Buffer.from(text, 'utf8');
      await send(() => client.getBlockBlobClient(key).upload(body, body.length));
    },
    async remove(keys) {
      // deleteIfExists answers a missing blob (BlobNotFound) as not deleted, not as an error
      await pool(keys, DELETES_AT_ONCE, async (key) => {
        await send(() => client.getBlobClient(key).deleteIfExists({ deleteSnapshots: 'include' }));
      });
    },
  };
}

/** Sorts an SDK error into what the user should do; never keeps the stack. */
function problemOf(err: unknown, container: string, where: string): AzureProblem {
  if (err instanceof AzureProblem) return err;
  const e = err as { name?: string; message?: string; code?: string; statusCode?: number };
  const code = e.code;
  const status = e.statusCode;
  // the service's message carries a request id and a timestamp on lines of their own: the first line says it
  const message = oneLine((e.message ?? String(err)).split('\n')[0] ?? '');
  if (e.name === 'AbortError') return new AzureProblem('unreachable', `cannot reach ${where} (no answer within ${PROBE_MS / 1000} s)`);
  if (code === 'ContainerNotFound') return new AzureProblem('no-container', container);
  if (status === 403 || status === 401 || /^(AuthenticationFailed|AuthorizationFailure|AuthorizationPermissionMismatch|InvalidAuthenticationInfo|NoAuthenticationInformation)$/.test(code ?? '')) {
    return new AzureProblem('denied', `access denied${code !== undefined ? ` (${code})` : status !== undefined ? ` (HTTP ${status})` : ''}`);
  }
  if (status === undefined) {
    // no HTTP answer at all: refused, DNS, timeout, TLS
    return new AzureProblem('unreachable', `cannot reach ${where} (${code !== undefined && !message.includes(code) ? `${code}: ` : ''}${message})`);
  }
  return new AzureProblem('other', `${code ?? 'HTTP'} ${status}${message !== '' && message !== code ? `: ${message}` : ''}`);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
