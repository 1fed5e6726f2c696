// A Blob Storage server for the azure:// remote tests: Azurite's blob service alone, in a child
// process, on 127.0.0.1 at a free port, keeping blobs in memory, with one container; stopped when
// the test ends. `env` is what a pipe run needs to use it: a connection string naming Azurite's
// fixed development account and its endpoint, and no other Azure variable, so the machine's own
// Azure setup never leaks in. Azurite is started without telemetry and accepts any API version
// (the SDK may be newer than the emulator).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { onTestFinished } from 'vitest';
import { tempDir } from './helpers.js';

export const CONTAINER = 'pipe-cache';
/** Azurite's built-in development account and its published key (the same in every install). */
export const ACCOUNT = 'devstoreaccount1';
export const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzureServer {
  /** The blob service's URL for the account, path-style: `http://127.0.0.1:<port>/devstoreaccount1`. */
  endpoint: string;
  connectionString: string;
  env: Record<string, string>;
  /** Every blob name in the container, sorted. */
  keys(): Promise<string[]>;
  container: ContainerClient;
  service: BlobServiceClient;
}

/** The Azure variables a pipe run reads, all empty (unset for pipe), and no PIPE_REMOTE. */
export function isolatedAzureEnv(connectionString = ''): Record<string, string> {
  return { AZURE_STORAGE_CONNECTION_STRING: connectionString, AZURE_STORAGE_ACCOUNT: '', AZURE_STORAGE_KEY: '', AZURE_STORAGE_SAS_TOKEN: '', PIPE_REMOTE: '' };
}

export function connectionStringFor(endpoint: string, key = ACCOUNT_KEY): string {
  return `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${key};BlobEndpoint=${endpoint};`;
}

export async function startAzurite(): Promise<AzureServer> {
  const main = path.join(path.dirname(createRequire(import.meta.url).resolve('azurite/package.json')), 'dist/src/blob/main.js');
  const args = [main, '--blobHost', '127.0.0.1', '--blobPort', '0', '--inMemoryPersistence', '--skipApiVersionCheck', '--loose', '--disableTelemetry', '--silent'];
  // its cwd is a temp folder: nothing it might write lands in the repository
  const child = spawn(process.execPath, args, { cwd: tempDir(), stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  onTestFinished(async () => {
    child.kill();
    await exited;
  });
  const port = await new Promise<number | undefined>((res) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
      if (m) res(Number(m[1]));
    });
    child.once('exit', () => res(undefined));
  });
  if (port === undefined) throw new Error('azurite did not start');
  const endpoint = `http://127.0.0.1:${port}/${ACCOUNT}`;
  const connectionString = connectionStringFor(endpoint);
  const service = BlobServiceClient.fromConnectionString(connectionString);
  const container = service.getContainerClient(CONTAINER);
  await container.create();
  return {
    endpoint,
    connectionString,
    env: isolatedAzureEnv(connectionString),
    async keys() {
      const out: string[] = [];
      for await (const b of container.listBlobsFlat()) out.push(b.name);
      return out.sort();
    },
    container,
    service,
  };
}
