// Where an object store remote (s3://, gs://, azure://) keeps things under its prefix, the
// directory remote's layout as keys: `objects/<hh>/<rest>`, `runs/<hh>/<rest>/<id>`,
// `exps/<id>.json`; and which listed keys are those (temp names, foreign keys and malformed ones
// left out), so the three transports read a listing the same way.
import path from 'node:path';
import { isTempName, isValidHash } from '../stores/index.js';
import { EXPS_DIR, isExpRecordFile, type RemoteRun } from './transport.js';

const RUN_KEY = /^[0-9a-f]{64}$/;
const MD5 = /^[0-9a-f]{32}$/;

/**
 * The MD5 an S3 ETag is (`"<32 hex>"`) for an object put in one request; undefined for anything
 * else (a multipart upload's `"<hex>-<parts>"`). An ETag that is no MD5 though it looks like one
 * (SSE-KMS) only never matches a local copy: the entry is then read.
 */
export function md5OfEtag(etag: string | undefined): string | undefined {
  const m = /^"?([0-9a-fA-F]{32})"?$/.exec(etag ?? '');
  return m?.[1]?.toLowerCase();
}

export class KeyLayout {
  /** `prefix`: without leading or trailing `/`; empty for the bucket's root. */
  constructor(private readonly prefix: string) {}

  key(rel: string): string {
    return this.prefix ? `${this.prefix}/${rel}` : rel;
  }

  objectKey(hash: string): string {
    return this.key(`objects/${hash.slice(0, 2)}/${hash.slice(2)}`);
  }

  runKey(key: string, id: string): string {
    return this.key(path.posix.join('runs', key.slice(0, 2), key.slice(2), id));
  }

  expKey(file: string): string {
    return this.key(`${EXPS_DIR}/${file}`);
  }

  /** What to list for objects, runs and experiment records. */
  get objects(): string {
    return this.key('objects/');
  }

  get runs(): string {
    return this.key('runs/');
  }

  get exps(): string {
    return this.key(`${EXPS_DIR}/`);
  }

  /** The hash a key listed under `objects` names, or undefined for anything else. */
  objectOf(key: string): string | undefined {
    const [shard, rest, more] = key.slice(this.objects.length).split('/');
    if (more !== undefined || shard === undefined || rest === undefined || isTempName(rest)) return undefined;
    const hash = shard + rest;
    return shard.length === 2 && isValidHash(hash) ? hash : undefined;
  }

  /** The run-cache entry a key listed under `runs` names (with the MD5 the listing gave), or undefined for anything else. */
  runOf(key: string, md5?: string): RemoteRun | undefined {
    const [shard, rest, id, more] = key.slice(this.runs.length).split('/');
    if (more !== undefined || shard === undefined || rest === undefined || id === undefined) return undefined;
    if (isTempName(rest) || isTempName(id) || id === '') return undefined;
    const runKey = shard + rest;
    if (shard.length !== 2 || !RUN_KEY.test(runKey)) return undefined;
    return md5 !== undefined && MD5.test(md5) ? { key: runKey, id, md5 } : { key: runKey, id };
  }

  /** The record file name a key listed under `exps` names, or undefined for anything else. */
  expOf(key: string): string | undefined {
    const name = key.slice(this.exps.length);
    return !name.includes('/') && isExpRecordFile(name) ? name : undefined;
  }
}
