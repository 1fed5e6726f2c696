// A remote in a Google Cloud Storage bucket: `gs://bucket/prefix` (DVC's gs remote) holds the same
// layout as a directory remote under the prefix (`objects/<hh>/<rest>`, `runs/<hh>/<rest>/<id>`,
// `exps/<id>.json`), so a bucket filled by `gcloud storage rsync` from a directory remote works,
// and the other way round. Every upload is one simple (non-resumable) upload, which GCS shows
// only once complete, so no temp names are needed; keys that look like a directory remote's temp
// files are ignored all the same. The SDK is loaded on first use, through gcs-adapter.ts.
import type { StoreFailure } from '../stores/index.js';
import type { GcsBucket, GcsBucketOptions, GcsProblem } from './gcs-adapter.js';
import { RemoteError, type RemoteCheck, type RemoteObjectInfo, type RemoteRun, type Transport } from './transport.js';
import { KeyLayout } from './key-layout.js';

export interface GcsLocation {
  bucket: string;
  /** Object-name prefix without leading or trailing `/`; empty for the bucket's root. */
  prefix: string;
}

/** `gs://bucket/some/prefix` → its parts, or why it is not a usable gs:// URL. */
export function parseGcsUrl(url: string): { ok: true; value: GcsLocation } | { ok: false; reason: string } {
  const m = /^gs:\/\/([^/]*)(?:\/(.*))?$/i.exec(url);
  const bucket = m?.[1] ?? '';
  if (bucket === '') return { ok: false, reason: 'it names no bucket (write gs://<bucket> or gs://<bucket>/<prefix>)' };
  // GCS's bucket naming rules, loosely (dotted names may be longer): what no bucket can be called is a typo worth saying
  if (!/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/.test(bucket)) return { ok: false, reason: `\`${bucket}\` is not a valid bucket name (lowercase letters, digits, -, _ and .)` };
  const prefix = (m?.[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix !== '' && prefix.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    return { ok: false, reason: `the prefix \`${prefix}\` has an empty, \`.\` or \`..\` part` };
  }
  return { ok: true, value: { bucket, prefix } };
}

export interface GcsTransportOptions extends GcsBucketOptions {
  /** Builds the failure for a problem met while transferring (config.ts names the remote and where it was set). */
  failure?: (check: Extract<RemoteCheck, { ok: false }>) => StoreFailure;
}

export class GcsTransport implements Transport {
  readonly description: string;
  /** Where each thing lies under the prefix (key-layout.ts, shared by the object store transports). */
  private readonly layout: KeyLayout;
  private bucket: Promise<GcsBucket> | undefined;
  /**
   * The first failure that no other request can escape (endpoint gone, credentials refused):
   * later requests fail with it at once, so the transfers still queued end now.
   */
  private fatal: RemoteError | undefined;

  constructor(
    readonly location: GcsLocation,
    private readonly options: GcsTransportOptions = {},
  ) {
    this.description = `gs://${location.bucket}${location.prefix ? `/${location.prefix}` : ''}`;
    this.layout = new KeyLayout(location.prefix);
  }

  /**
   * Lists one object under the prefix: the bucket exists and these credentials may read it.
   * Buckets are never created, for a push either (their project, location and billing are the
   * owner's call). A pull from a prefix with nothing under it is refused as a missing directory
   * remote is; a push fills it.
   */
  async open(mode: 'read' | 'write'): Promise<RemoteCheck> {
    try {
      const filled = await (await this.connect()).probe(this.layout.key(''));
      return filled || mode === 'write' ? { ok: true } : { ok: false, reason: 'missing' };
    } catch (err) {
      return gcsCheckOf(asProblem(err), this.location.bucket);
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
    await this.guard((b) => b.upload(this.layout.objectKey(hash), srcAbs, true));
  }

  async listRuns(): Promise<RemoteRun[]> {
    const out: RemoteRun[] = [];
    await this.guard(async (b) => {
      for await (const { key, md5 } of b.list(this.layout.runs)) {
        const run = this.layout.runOf(key, md5);
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
    await this.guard((b) => b.remove(hashes.map((h) => this.layout.objectKey(h))));
  }

  async removeRuns(entries: { key: string; id: string }[]): Promise<void> {
    await this.guard((b) => b.remove(entries.map((e) => this.layout.runKey(e.key, e.id))));
  }

  /** An object appears only once its upload is complete, so no push leaves `.tmp-*` uploads here to clean. */
  staleTempCount(): number {
    return 0;
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
    await this.guard((b) => b.remove(files.map((f) => this.layout.expKey(f))));
  }

  async putExpRecord(file: string, text: string): Promise<void> {
    // one simple upload: GCS shows the object only once it is complete
    await this.guard((b) => b.putText(this.layout.expKey(file), text));
  }

  private connect(): Promise<GcsBucket> {
    this.bucket ??= import('./gcs-adapter.js').then((a) => a.openGcsBucket(this.location.bucket, this.options));
    return this.bucket;
  }

  /** Runs a bucket operation; a failure the user can act on becomes a RemoteError (no stack). */
  private async guard<T>(op: (b: GcsBucket) => Promise<T>): Promise<T> {
    if (this.fatal) throw this.fatal;
    try {
      return await op(await this.connect());
    } catch (err) {
      const problem = asProblem(err);
      const check = gcsCheckOf(problem, this.location.bucket);
      const failure = this.options.failure?.(check) ?? { code: 'remote-unreachable', message: `remote ${this.description}: ${problem.detail}` };
      const error = new RemoteError(failure);
      if (problem.kind !== 'other') this.fatal ??= error;
      throw error;
    }
  }
}

/** What to do about missing or refused Google Cloud credentials / an endpoint that does not answer. */
export const GCS_CREDENTIALS_HINT = "set the remote's credentialpath option to a service-account JSON key file (`pipe remote modify <name> credentialpath <key.json>`), or GOOGLE_APPLICATION_CREDENTIALS, or run `gcloud auth application-default login`";
export const GCS_UNREACHABLE_HINT = "check the network, and the remote's endpointurl option or STORAGE_EMULATOR_HOST if the bucket is on an emulator";

function asProblem(err: unknown): GcsProblem {
  if (err instanceof Error && err.name === 'GcsProblem') return err as GcsProblem;
  throw err; // not a remote's failure: a bug, keep the stack
}

/** How open() reports a problem; what to do about it goes in the hint. */
function gcsCheckOf(p: GcsProblem, bucket: string): Extract<RemoteCheck, { ok: false }> {
  switch (p.kind) {
    case 'no-bucket':
      return { ok: false, reason: 'missing-bucket', detail: bucket };
    case 'no-credentials':
    case 'bad-credentials':
      return { ok: false, reason: 'inaccessible', detail: p.detail, hint: GCS_CREDENTIALS_HINT };
    case 'denied':
      return {
        ok: false, reason: 'inaccessible', detail: p.detail,
        hint: `check the credentials (the remote's credentialpath option, or GOOGLE_APPLICATION_CREDENTIALS) and that they may list, read and write gs://${bucket}`,
      };
    case 'unreachable':
      return { ok: false, reason: 'inaccessible', detail: p.detail, hint: GCS_UNREACHABLE_HINT };
    case 'other':
      return { ok: false, reason: 'inaccessible', detail: p.detail };
  }
}
