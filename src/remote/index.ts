// The remote cache's public API (`pipe push`, `pipe pull`, `pipe repro --pull`).
export type { Transport, UnlistedTransport, RemoteObjectInfo, RemoteCheck } from './transport.js';
export { RemoteError } from './transport.js';
export { DirTransport } from './dir-transport.js';
export { S3Transport, parseS3Url, type S3Location } from './s3-transport.js';
export { AzureTransport, parseAzureUrl, type AzureLocation } from './azure-transport.js';
export { GcsTransport, parseGcsUrl, type GcsLocation } from './gcs-transport.js';
export { HttpTransport, parseHttpUrl, type HttpLocation } from './http-transport.js';
export { PROJECT_CONFIG_FILE, remoteFromCli, resolveRemoteSpec, openTransport, remoteUnusable, type RemoteSpec } from './config.js';
export {
  push, pull, pullAvailable,
  type Direction, type TransferEvent, type TransferOptions, type TransferProblem, type TransferResult,
} from './sync.js';
