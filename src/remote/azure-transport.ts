// A remote in an Azure Blob Storage container, as DVC's: `azure://container/prefix` holds the same
// layout as a directory remote under the prefix (`objects/<hh>/<rest>`, `runs/<hh>/<rest>/<id>`,
// `exps/<id>.json`). A blob is visible only once its upload is committed (one Put Blob, or the
// Put Block List after its blocks), so no temp names are needed; blobs that look like a directory
// remote's temp files are ignored all the same. The SDK is loaded on first use, through
// azure-adapter.ts. Which account and credentials: the remote's options (`account_name`,
// `account_key`, `sas_token`, `connection_string`, `endpointurl`), each over its environment
// variable (AZURE_STORAGE_ACCOUNT, AZURE_STORAGE_KEY, AZURE_STORAGE_SAS_TOKEN,
// AZURE_STORAGE_CONNECTION_STRING), as DVC reads them.
import type { StoreFailure } from '../stores/index.js';
import type { AzureAccess, AzureContainer, AzureProblem } from './azure-adapter.js';
import { RemoteError, type RemoteCheck, type RemoteObjectInfo, type RemoteRun, type Transport } from './transport.js';
import { KeyLayout } from './key-layout.js';

export interface AzureLocation {
  container: string;
  /** Blob name prefix without leading or trailing `/`; empty for the container's root. */
  prefix: string;
}

/** `azure://container/some/prefix` → its parts, or why it is not a usable azure:// URL. */
export function parseAzureUrl(url: string): { ok: true; value: AzureLocation } | { ok: false; reason: string } {
  const m = /^azure:\/\/([^/]*)(?:\/(.*))?$/i.exec(url);
  const container = m?.[1] ?? '';
  if (container === '') return { ok: false, reason: 'it names no container (write azure://<container> or azure://<container>/<prefix>)' };
  // Blob Storage's container naming rules: what no container can be called is a typo worth saying
  if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(container)) {
    return { ok: false, reason: `\`${container}\` is not a valid container name (3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit)` };
  }
  const prefix = (m?.[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix !== '' && prefix.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    return { ok: false, reason: `the blob prefix \`${prefix}\` has an empty, \`.\` or \`..\` part` };
  }
  return { ok: true, value: { container, prefix } };
}

/** A remote's own options (remote-options.ts) that stand for environment variables here. */
export interface AzureOptions {
  accountName?: string;
  accountKey?: string;
  sasToken?: string;
  connectionString?: string;
  endpoint?: string;
}

/**
 * The account and credentials to use, and where the credentials came from (`said`, for messages;
 * `option`: the remote's option that gave them). A remote's own credential options win over the
 * environment's whole: a remote with `account_key` set never takes
 * $AZURE_STORAGE_CONNECTION_STRING, which may be another account's. No key or token at all:
 * anonymous, for a container open to public reads.
 */
export function azureAccess(own: AzureOptions, env: NodeJS.ProcessEnv): { access: AzureAccess; said?: string; option?: string } {
  if (own.connectionString !== undefined) return { access: { connectionString: own.connectionString }, said: "the remote's connection_string", option: 'connection_string' };
  const ownCredential = own.accountKey !== undefined || own.sasToken !== undefined;
  if (!ownCredential && env.AZURE_STORAGE_CONNECTION_STRING) return { access: { connectionString: env.AZURE_STORAGE_CONNECTION_STRING }, said: '$AZURE_STORAGE_CONNECTION_STRING' };
  const accountName = own.accountName ?? (env.AZURE_STORAGE_ACCOUNT || undefined);
  const base: AzureAccess = { ...(accountName === undefined ? {} : { accountName }), ...(own.endpoint !== undefined ? { endpoint: own.endpoint } : {}) };
  if (own.accountKey !== undefined) return { access: { ...base, accountKey: own.accountKey }, said: "the remote's account_key", option: 'account_key' };
  if (own.sasToken !== undefined) return { access: { ...base, sasToken: own.sasToken }, said: "the remote's sas_token", option: 'sas_token' };
  if (env.AZURE_STORAGE_KEY) return { access: { ...base, accountKey: env.AZURE_STORAGE_KEY }, said: '$AZURE_STORAGE_KEY' };
  if (env.AZURE_STORAGE_SAS_TOKEN) return { access: { ...base, sasToken: env.AZURE_STORAGE_SAS_TOKEN }, said: '$AZURE_STORAGE_SAS_TOKEN' };
  return { access: base };
}

export interface AzureTransportOptions {
  access: AzureAccess;
  /** Where the credentials came from, in words, and the remote's option that gave them (azureAccess's `said`, `option`), for a refusal's words. */
  said?: string;
  option?: string;
  /** The remote's name in `remotes:`, for the command in a hint. */
  name?: string;
  /** Builds the failure for a problem met while transferring (config.ts names the remote and where it was set). */
  failure?: (check: Extract<RemoteCheck, { ok: false }>) => StoreFailure;
}

export class AzureTransport implements Transport {
  readonly description: string;
  /** Where each thing lies under the prefix (key-layout.ts, shared by the object store transports). */
  private readonly layout: KeyLayout;
  private container: Promise<AzureContainer> | undefined;
  /**
   * The first failure that no other request can escape (endpoint gone, key refused): later
   * requests fail with it at once, so the transfers still queued end now instead of each
   * waiting out its own retries.
   */
  private fatal: RemoteError | undefined;

  constructor(
    readonly location: AzureLocation,
    private readonly options: AzureTransportOptions,
  ) {
    this.description = `azure://${location.container}${location.prefix ? `/${location.prefix}` : ''}`;
    this.layout = new KeyLayout(location.prefix);
  }

  /**
   * Lists one blob under the prefix: the container exists and these credentials may list it.
   * Containers are never created, by a push either (as S3 buckets: access and billing are the
   * account owner's call). A pull from a prefix with nothing under it is refused as a missing
   * directory remote is; a push fills it.
   */
  async open(mode: 'read' | 'write'): Promise<RemoteCheck> {
    try {
      const filled = await (await this.connect()).probe(this.layout.key(''));
      return filled || mode === 'write' ? { ok: true } : { ok: false, reason: 'missing' };
    } catch (err) {
      return this.checkOf(asProblem(err));
    }
  }

  async listObjects(): Promise<Map<string, RemoteObjectInfo>> {
    const out = new Map<string, RemoteObjectInfo>();
    await this.guard(async (c) => {
      for await (const { key, size } of c.list(this.layout.objects)) {
        const hash = this.layout.objectOf(key);
        if (hash !== undefined) out.set(hash, { size });
      }
    });
    return out;
  }

  async hasObject(hash: string): Promise<boolean> {
    return this.guard((c) => c.has(this.layout.objectKey(hash)));
  }

  async getObject(hash: string, destAbs: string): Promise<boolean> {
    return this.guard((c) => c.download(this.layout.objectKey(hash), destAbs));
  }

  async putObject(hash: string, srcAbs: string): Promise<void> {
    await this.guard((c) => c.upload(this.layout.objectKey(hash), srcAbs));
  }

  async listRuns(): Promise<RemoteRun[]> {
    const out: RemoteRun[] = [];
    await this.guard(async (c) => {
      for await (const { key, md5 } of c.list(this.layout.runs)) {
        const run = this.layout.runOf(key, md5);
        if (run !== undefined) out.push(run);
      }
    });
    return out;
  }

  async getRun(key: string, id: string): Promise<string | undefined> {
    return this.guard((c) => c.getText(this.layout.runKey(key, id)));
  }

  async putRun(key: string, id: string, text: string): Promise<void> {
    await this.guard((c) => c.putText(this.layout.runKey(key, id), text));
  }

  async removeObjects(hashes: string[]): Promise<void> {
    await this.guard((c) => c.remove(hashes.map((h) => this.layout.objectKey(h))));
  }

  async removeRuns(entries: { key: string; id: string }[]): Promise<void> {
    await this.guard((c) => c.remove(entries.map((e) => this.layout.runKey(e.key, e.id))));
  }

  /** A blob is visible only once committed, so no push leaves `.tmp-*` uploads here to clean. */
  staleTempCount(): number {
    return 0;
  }

  async listExpRecords(): Promise<string[]> {
    const out: string[] = [];
    await this.guard(async (c) => {
      for await (const { key } of c.list(this.layout.exps)) {
        const name = this.layout.expOf(key);
        if (name !== undefined) out.push(name);
      }
    });
    return out.sort();
  }

  async getExpRecord(file: string): Promise<string | undefined> {
    return this.guard((c) => c.getText(this.layout.expKey(file)));
  }

  async removeExpRecords(files: string[]): Promise<void> {
    await this.guard((c) => c.remove(files.map((f) => this.layout.expKey(f))));
  }

  async putExpRecord(file: string, text: string): Promise<void> {
    // one Put Blob: the blob appears only once complete
    await this.guard((c) => c.putText(this.layout.expKey(file), text));
  }

  private connect(): Promise<AzureContainer> {
    this.container ??= import('./azure-adapter.js').then((a) => a.openContainer(this.location.container, this.options.access));
    return this.container;
  }

  /** Runs a container operation; a failure the user can act on becomes a RemoteError (no stack). */
  private async guard<T>(op: (c: AzureContainer) => Promise<T>): Promise<T> {
    if (this.fatal) throw this.fatal;
    try {
      return await op(await this.connect());
    } catch (err) {
      const problem = asProblem(err);
      const check = this.checkOf(problem);
      const failure = this.options.failure?.(check) ?? { code: 'remote-unreachable', message: `remote ${this.description}: ${problem.detail}` };
      const error = new RemoteError(failure);
      if (problem.kind !== 'other') this.fatal ??= error;
      throw error;
    }
  }

  /** How open() reports a problem; what to do about it goes in the hint. */
  private checkOf(p: AzureProblem): Extract<RemoteCheck, { ok: false }> {
    const { said, option } = this.options;
    switch (p.kind) {
      case 'no-container':
        return { ok: false, reason: 'missing-bucket', detail: this.location.container };
      case 'no-credentials':
        return { ok: false, reason: 'inaccessible', detail: p.detail, hint: AZURE_CREDENTIALS_HINT };
      case 'bad-credentials':
        return { ok: false, reason: 'inaccessible', detail: `${said ?? 'the credentials'} cannot be used: ${p.detail}`, hint: AZURE_CREDENTIALS_HINT };
      case 'denied':
        // no key or token given: the container is not open to anonymous reads
        if (said === undefined) return { ok: false, reason: 'inaccessible', detail: `${p.detail} (no key or token given)`, hint: AZURE_CREDENTIALS_HINT };
        return {
          ok: false, reason: 'inaccessible', detail: `${p.detail} using ${said}`,
          hint: `check ${said}${option === undefined ? '' : ` (\`pipe remote modify --local ${this.options.name ?? '<remote>'} ${option} <value>\` sets it)`} and that it may list, read and write container ${this.location.container}`,
        };
      case 'unreachable':
        return { ok: false, reason: 'inaccessible', detail: p.detail, hint: AZURE_UNREACHABLE_HINT };
      case 'other':
        return { ok: false, reason: 'inaccessible', detail: p.detail };
    }
  }
}

export const AZURE_CREDENTIALS_HINT =
  "set the remote's account_name with account_key or sas_token, or its connection_string (`pipe remote modify --local <remote> <option> <value>`), or $AZURE_STORAGE_CONNECTION_STRING, or $AZURE_STORAGE_ACCOUNT with $AZURE_STORAGE_KEY";
export const AZURE_UNREACHABLE_HINT = "check the network, the account name, and the remote's endpointurl or the connection string's BlobEndpoint if one is set";

function asProblem(err: unknown): AzureProblem {
  if (err instanceof Error && err.name === 'AzureProblem') return err as AzureProblem;
  throw err; // not a remote's failure: a bug, keep the stack
}
