// Host-key checking for ssh:// remotes against an OpenSSH known_hosts file (~/.ssh/known_hosts, or
// $PIPE_SSH_KNOWN_HOSTS): a host is trusted only with a key that file lists for it. There is no
// trust on first use: an unlisted host is refused with the command that records its key.
//
// The format is OpenSSH's (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): `[marker] hosts keytype base64
// [comment]`, `hosts` a comma-separated list of names or patterns (`*`, `?`, `!negated`), each
// written `host` for port 22 and `[host]:port` otherwise, or one hashed name `|1|salt|hash` (the
// HMAC-SHA1 of that written name keyed with the salt, what `HashKnownHosts yes` writes). Lines
// marked `@revoked` list keys never accepted; `@cert-authority` lines (host certificates) are not
// used. No ssh2 here: this module reads text and compares bytes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface KnownKey {
  /** `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`, … as the file writes it */
  type: string;
  /** The key blob (the base64 field, decoded): what the server sends. */
  blob: Buffer;
  revoked: boolean;
}

/** The known_hosts file pipe reads: $PIPE_SSH_KNOWN_HOSTS, else ~/.ssh/known_hosts. */
export function knownHostsPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.PIPE_SSH_KNOWN_HOSTS || path.join(os.homedir(), '.ssh', 'known_hosts');
}

/** How a host's name is written in known_hosts: `host` on port 22, else `[host]:port`. */
export function hostEntryName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The keys `text` (a known_hosts file) lists for `host` on `port`. */
export function keysFor(text: string, host: string, port: number): KnownKey[] {
  const name = hostEntryName(host, port).toLowerCase();
  const out: KnownKey[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let marker: string | undefined;
    if (fields[0]?.startsWith('@')) marker = fields.shift();
    if (marker === '@cert-authority') continue;
    const [hosts, type, key] = fields;
    if (hosts === undefined || type === undefined || key === undefined) continue;
    if (!hostsMatch(hosts, name)) continue;
    const blob = Buffer.from(key, 'base64');
    if (blob.length === 0) continue;
    out.push({ type, blob, revoked: marker === '@revoked' });
  }
  return out;
}

/** Whether the `hosts` field of a line names `name` (already written `host` or `[host]:port`, lower case). */
function hostsMatch(hosts: string, name: string): boolean {
  if (hosts.startsWith('|1|')) {
    const [salt, hash] = hosts.slice(3).split('|');
    if (salt === undefined || hash === undefined) return false;
    const mac = crypto.createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
    const want = Buffer.from(hash, 'base64');
    return want.length === mac.length && crypto.timingSafeEqual(mac, want);
  }
  let matched = false;
  for (const pattern of hosts.toLowerCase().split(',')) {
    const negated = pattern.startsWith('!');
    if (!globMatch(negated ? pattern.slice(1) : pattern, name)) continue;
    if (negated) return false; // a negated match rules the line out, whatever else matches
    matched = true;
  }
  return matched;
}

/** OpenSSH's host patterns: `*` any run of characters, `?` one character. */
function globMatch(pattern: string, name: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === name;
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(name);
}

/** The key type a server's key blob names (its first SSH string). */
export function blobType(blob: Buffer): string {
  if (blob.length < 4) return '';
  const n = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + n).toString('latin1');
}

export type HostKeyVerdict =
  | { ok: true }
  /** The file lists keys for the host, none of them this one (or this one as revoked). */
  | { ok: false; why: 'changed' | 'revoked'; type: string; fingerprint: string }
  /** The file lists no key for the host (or there is no file). */
  | { ok: false; why: 'unknown'; type: string; fingerprint: string };

/** Checks the key a server sent against the keys listed for it. */
export function verifyHostKey(known: KnownKey[], blob: Buffer): HostKeyVerdict {
  const type = blobType(blob);
  const fingerprint = fingerprintOf(blob);
  const same = known.filter((k) => k.blob.equals(blob));
  if (same.some((k) => k.revoked)) return { ok: false, why: 'revoked', type, fingerprint };
  if (same.length > 0) return { ok: true };
  if (known.some((k) => !k.revoked)) return { ok: false, why: 'changed', type, fingerprint };
  return { ok: false, why: 'unknown', type, fingerprint };
}

/** `SHA256:…`, as `ssh` and `ssh-keygen -l` print a key's fingerprint. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${crypto.createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The known_hosts file's text, or '' when there is none (every host is then unknown). */
export function readKnownHosts(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}
