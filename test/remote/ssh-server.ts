// An SSH server for the ssh:// remote tests, on ssh2's Server class in the test process: it listens
// on 127.0.0.1 (a port of its own), presents a host key generated for it, lets in one user with a
// test key or a password, and serves SFTP over a temp folder (the server's `/` is the folder, so
// `ssh://pipe@127.0.0.1:PORT/srv/remote` is `<dir>/srv/remote`). It answers the SFTP requests the
// client sends (OPEN, READ, WRITE, CLOSE, FSTAT, STAT, LSTAT, OPENDIR, READDIR, MKDIR, RENAME,
// REMOVE, RMDIR, REALPATH, SETSTAT, FSETSTAT) as OpenSSH's sftp-server does where it matters here:
// RENAME over an existing file fails (SSH_FX_FAILURE), as does MKDIR of a folder that exists; it
// offers no extensions (the client takes its plain-rename path) unless asked to offer OpenSSH's
// posix-rename@openssh.com (ssh2's server cannot say so itself: its VERSION packet is swapped on
// the way out for one that lists the extension). Answers go out on the next turn
// of the event loop, so several requests can be in flight; the most at once is recorded. Closed
// when the test ends.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type net from 'node:net';
import path from 'node:path';
import ssh2 from 'ssh2';
import type { Connection, SFTPWrapper, Attributes } from 'ssh2';
import { onTestFinished } from 'vitest';
import { tempDir } from './helpers.js';

const { STATUS_CODE, flagsToString } = ssh2.utils.sftp;

export const SSH_USER = 'pipe';

export interface SshServer {
  port: number;
  /** The folder it serves as `/`. */
  dir: string;
  /** A known_hosts file (in a temp folder) listing this server's key for `[127.0.0.1]:PORT`. */
  knownHosts: string;
  /** The line for it, as `ssh-keyscan -p PORT 127.0.0.1` prints it. */
  knownHostsLine: string;
  /** A private key file (OpenSSH format, no passphrase) the server accepts for SSH_USER. */
  clientKey: string;
  /** The server's host key blob. */
  hostKeyBlob: Buffer;
  /** `ssh://pipe@127.0.0.1:PORT<rel>` */
  url(rel: string): string;
  /** SFTP requests by name (`OPEN`, `RENAME`, …), in order. */
  requests: string[];
  /** Log-in attempts: `method` or `method:ok`. */
  logins: string[];
  /** The most SFTP requests it has had open at once. */
  maxInFlight(): number;
  close(): Promise<void>;
}

export interface SshServerOptions {
  /** The password it accepts for SSH_USER (besides the test key); none: keys only. */
  password?: string;
  /** Refuse the test key (only the password, if any, logs in). */
  noKey?: boolean;
  /** Answer every MKDIR, OPEN for writing, RENAME and REMOVE with "permission denied". */
  readOnly?: boolean;
  /** Its host key (OpenSSH private key text); default: one generated for it. */
  hostKey?: string;
  /** More public keys (`ssh-ed25519 AAAA…`) it accepts for SSH_USER. */
  extraKeys?: string[];
  /** Drop the connection (no answer, socket closed) at the SFTP request with this number (1: the first), as a server going away mid-transfer. */
  dropAtRequest?: number;
  /** Stop reading from the connection (no answer to anything, keepalives included; the socket stays open) at the SFTP request with this number: a server that froze. */
  freezeAtRequest?: number;
  /** Leave the SFTP request with this number and every one after unanswered, the connection itself answering (keepalives too): an SFTP server hung behind a live SSH connection. 0: the request to start SFTP itself is never answered. */
  stallAtRequest?: number;
  /** Offer OpenSSH's posix-rename@openssh.com extension (a rename that replaces the target), as OpenSSH's sftp-server does. */
  posixRename?: boolean;
}

/**
 * A key pair (OpenSSH format) that ssh2 can read back: its ed25519 generator writes a 31-byte
 * public key, which its own parser then rejects ("Malformed OpenSSH private key"), about 1 time
 * in 250 (13 of 3000 here), so such a pair is made again. `passphrase` encrypts the private key.
 */
export function testKeyPair(type: 'ed25519' | 'ecdsa' = 'ed25519', passphrase?: string): { private: string; public: string } {
  for (;;) {
    const options = { ...(type === 'ecdsa' ? { bits: 256 } : {}), ...(passphrase === undefined ? {} : { passphrase, cipher: 'aes256-ctr', rounds: 2 }) };
    const pair = ssh2.utils.generateKeyPairSync(type, options as never);
    if (!(ssh2.utils.parseKey(pair.private, passphrase) instanceof Error) && !(ssh2.utils.parseKey(pair.public) instanceof Error)) return pair;
  }
}

export async function startSsh(options: SshServerOptions = {}): Promise<SshServer> {
  const dir = tempDir();
  const hostKey = options.hostKey ?? testKeyPair().private;
  const parsedHost = ssh2.utils.parseKey(hostKey);
  if (parsedHost instanceof Error) throw parsedHost;
  const hostKeyBlob = parsedHost.getPublicSSH();
  const client = testKeyPair();
  const accepted = [client.public, ...(options.noKey ? [] : options.extraKeys ?? [])].map((k) => {
    const parsed = ssh2.utils.parseKey(k);
    if (parsed instanceof Error) throw parsed;
    return parsed;
  });
  const keysDir = tempDir();
  const clientKey = path.join(keysDir, 'id_test');
  fs.writeFileSync(clientKey, client.private, { mode: 0o600 });
  const requests: string[] = [];
  const logins: string[] = [];
  let inFlight = 0;
  let most = 0;
  const sockets = new Set<Connection>();

  const server = new ssh2.Server({ hostKeys: [hostKey] }, (conn) => {
    sockets.add(conn);
    conn.on('close', () => sockets.delete(conn));
    conn.on('error', () => {});
    conn.on('authentication', (ctx) => {
      if (ctx.username !== SSH_USER) {
        logins.push(`${ctx.method}:wrong-user`);
        return ctx.reject();
      }
      if (ctx.method === 'password' && options.password !== undefined && ctx.password === options.password) {
        logins.push('password:ok');
        return ctx.accept();
      }
      const key = ctx.method === 'publickey' && !options.noKey ? accepted.find((k) => k.type === ctx.key.algo && ctx.key.data.equals(k.getPublicSSH())) : undefined;
      if (ctx.method === 'publickey' && key !== undefined) {
        if (!ctx.signature) return ctx.accept(); // the client asks whether the key would do
        if (ctx.blob && key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true) {
          logins.push('publickey:ok');
          return ctx.accept();
        }
      }
      logins.push(ctx.method);
      ctx.reject(['publickey', 'password']);
    });
    conn.on('ready', () => {
      conn.on('session', (accept) => {
        accept().on('sftp', (acceptSftp) => options.stallAtRequest === 0 ? undefined : serveSftp(acceptSftp(), conn, dir, options, requests, (delta) => {
          inFlight += delta;
          most = Math.max(most, inFlight);
        }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const knownHostsLine = `[127.0.0.1]:${port} ${parsedHost.type} ${hostKeyBlob.toString('base64')}`;
  const knownHosts = path.join(keysDir, 'known_hosts');
  fs.writeFileSync(knownHosts, `${knownHostsLine}\n`);
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    // destroyed, not ended: a frozen connection (freezeAtRequest) would never finish ending
    for (const c of sockets) (c as unknown as { _sock: { destroy(): void } })._sock.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  onTestFinished(close);
  return {
    port, dir, knownHosts, knownHostsLine, clientKey, hostKeyBlob, requests, logins, close,
    url: (rel) => `ssh://${SSH_USER}@127.0.0.1:${port}${rel}`,
    maxInFlight: () => most,
  };
}

/** `|1|salt|hash` for a known_hosts name, as `ssh-keygen -H` writes it (HMAC-SHA1 of the name, keyed with the salt). */
export function hashedName(name: string): string {
  const salt = crypto.randomBytes(20);
  return `|1|${salt.toString('base64')}|${crypto.createHmac('sha1', salt).update(name).digest('base64')}`;
}

type Handle = { kind: 'file'; fd: number } | { kind: 'dir'; path: string; done: boolean };

/** The server's SFTP VERSION packet (version 3, no extensions), as ssh2 sends it. */
const PLAIN_VERSION = Buffer.from([0, 0, 0, 5, 2, 0, 0, 0, 3]);

/** A VERSION packet listing `name` (with extension data "1"). */
function versionWith(name: string): Buffer {
  const body = Buffer.concat([Buffer.from([2, 0, 0, 0, 3]), sshString(Buffer.from(name)), sshString(Buffer.from('1'))]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length, 0);
  return Buffer.concat([len, body]);
}

function sshString(b: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length, 0);
  return Buffer.concat([len, b]);
}

function serveSftp(sftp: SFTPWrapper, conn: Connection, root: string, options: SshServerOptions, requests: string[], track: (delta: number) => void): void {
  if (options.posixRename) {
    // ssh2 internals (1.17): every channel's data goes out through the connection's protocol object
    const proto = (conn as unknown as { _protocol: { channelData(id: number, data: Buffer): void } })._protocol;
    const send = proto.channelData.bind(proto);
    proto.channelData = (id, data) => send(id, data.equals(PLAIN_VERSION) ? versionWith('posix-rename@openssh.com') : data);
  }
  const handles = new Map<number, Handle>();
  let next = 0;
  const local = (p: string): string => path.join(root, path.posix.normalize(`/${p}`));
  const handleOf = (buf: Buffer): Handle | undefined => (buf.length === 4 ? handles.get(buf.readUInt32BE(0)) : undefined);
  const newHandle = (h: Handle): Buffer => {
    const id = next++;
    handles.set(id, h);
    const buf = Buffer.alloc(4);
    buf.writeUInt32BE(id, 0);
    return buf;
  };
  // every request is answered on a later turn, through `answer`, which also counts those open
  const on = (name: string, handler: (reqid: number, ...args: never[]) => void): void => {
    sftp.on(name as 'OPEN', ((reqid: number, ...args: never[]) => {
      requests.push(name);
      if (options.dropAtRequest !== undefined && requests.length >= options.dropAtRequest) {
        (conn as unknown as { _sock: { destroy(): void } })._sock.destroy();
        return;
      }
      if (options.freezeAtRequest !== undefined && requests.length >= options.freezeAtRequest) {
        (conn as unknown as { _sock: { pause(): void } })._sock.pause();
        return;
      }
      if (options.stallAtRequest !== undefined && requests.length >= options.stallAtRequest) return;
      track(1);
      setImmediate(() => {
        try {
          handler(reqid, ...args);
        } catch (err) {
          sftp.status(reqid, statusOf(err));
        } finally {
          track(-1);
        }
      });
    }) as never);
  };
  const denied = (reqid: number): boolean => {
    if (options.readOnly) sftp.status(reqid, STATUS_CODE.PERMISSION_DENIED, 'Permission denied');
    return options.readOnly === true;
  };

  on('REALPATH', (reqid: number, p: string) => {
    const abs = path.posix.normalize(`/${p}`);
    sftp.name(reqid, [{ filename: abs, longname: abs, attrs: {} as Attributes }]);
  });
  on('OPEN', (reqid: number, filename: string, flags: number) => {
    const mode = flagsToString(flags) ?? 'r';
    if (mode !== 'r' && denied(reqid)) return;
    sftp.handle(reqid, newHandle({ kind: 'file', fd: fs.openSync(local(filename), mode) }));
  });
  on('READ', (reqid: number, handle: Buffer, offset: number, length: number) => {
    const h = handleOf(handle);
    if (h?.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE);
    const buf = Buffer.alloc(length);
    const n = fs.readSync(h.fd, buf, 0, length, offset);
    if (n === 0) sftp.status(reqid, STATUS_CODE.EOF);
    else sftp.data(reqid, buf.subarray(0, n));
  });
  on('WRITE', (reqid: number, handle: Buffer, offset: number, data: Buffer) => {
    const h = handleOf(handle);
    if (h?.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE);
    fs.writeSync(h.fd, data, 0, data.length, offset);
    sftp.status(reqid, STATUS_CODE.OK);
  });
  on('CLOSE', (reqid: number, handle: Buffer) => {
    const h = handleOf(handle);
    if (h === undefined) return sftp.status(reqid, STATUS_CODE.FAILURE);
    if (h.kind === 'file') fs.closeSync(h.fd);
    handles.delete(handle.readUInt32BE(0));
    sftp.status(reqid, STATUS_CODE.OK);
  });
  on('FSTAT', (reqid: number, handle: Buffer) => {
    const h = handleOf(handle);
    if (h?.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE);
    sftp.attrs(reqid, attrsOf(fs.fstatSync(h.fd)));
  });
  on('STAT', (reqid: number, p: string) => sftp.attrs(reqid, attrsOf(fs.statSync(local(p)))));
  on('LSTAT', (reqid: number, p: string) => sftp.attrs(reqid, attrsOf(fs.lstatSync(local(p)))));
  on('SETSTAT', (reqid: number) => sftp.status(reqid, STATUS_CODE.OK));
  on('FSETSTAT', (reqid: number) => sftp.status(reqid, STATUS_CODE.OK));
  on('OPENDIR', (reqid: number, p: string) => {
    const abs = local(p);
    if (!fs.statSync(abs).isDirectory()) return sftp.status(reqid, STATUS_CODE.FAILURE, 'Not a directory');
    sftp.handle(reqid, newHandle({ kind: 'dir', path: abs, done: false }));
  });
  on('READDIR', (reqid: number, handle: Buffer) => {
    const h = handleOf(handle);
    if (h?.kind !== 'dir') return sftp.status(reqid, STATUS_CODE.FAILURE);
    if (h.done) return sftp.status(reqid, STATUS_CODE.EOF);
    h.done = true;
    const names = fs.readdirSync(h.path).map((name) => ({ filename: name, longname: name, attrs: attrsOf(fs.lstatSync(path.join(h.path, name))) }));
    if (names.length === 0) return sftp.status(reqid, STATUS_CODE.EOF);
    sftp.name(reqid, names);
  });
  on('MKDIR', (reqid: number, p: string) => {
    if (denied(reqid)) return;
    fs.mkdirSync(local(p));
    sftp.status(reqid, STATUS_CODE.OK);
  });
  on('RENAME', (reqid: number, from: string, to: string) => {
    if (denied(reqid)) return;
    // OpenSSH's sftp-server links the new name and fails where it exists
    if (fs.existsSync(local(to))) return sftp.status(reqid, STATUS_CODE.FAILURE, 'Failure');
    fs.renameSync(local(from), local(to));
    sftp.status(reqid, STATUS_CODE.OK);
  });
  on('EXTENDED', (reqid: number, name: string, data: Buffer) => {
    if (name !== 'posix-rename@openssh.com' || !options.posixRename) return sftp.status(reqid, STATUS_CODE.OP_UNSUPPORTED);
    if (denied(reqid)) return;
    const fromLen = data.readUInt32BE(0);
    const from = data.subarray(4, 4 + fromLen).toString('utf8');
    const to = data.subarray(8 + fromLen, 8 + fromLen + data.readUInt32BE(4 + fromLen)).toString('utf8');
    fs.renameSync(local(from), local(to)); // replaces `to`, as rename(2)
    sftp.status(reqid, STATUS_CODE.OK);
  });
  on('REMOVE', (reqid: number, p: string) => {
    if (denied(reqid)) return;
    fs.unlinkSync(local(p));
    sftp.status(reqid, STATUS_CODE.OK);
  });
  on('RMDIR', (reqid: number, p: string) => {
    if (denied(reqid)) return;
    fs.rmdirSync(local(p));
    sftp.status(reqid, STATUS_CODE.OK);
  });
}

function attrsOf(s: fs.Stats): Attributes {
  return { mode: s.mode, uid: s.uid, gid: s.gid, size: s.size, atime: Math.floor(s.atimeMs / 1000), mtime: Math.floor(s.mtimeMs / 1000) };
}

/** An fs error as OpenSSH's sftp-server words it. */
function statusOf(err: unknown): number {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return STATUS_CODE.NO_SUCH_FILE;
  if (code === 'EACCES' || code === 'EPERM') return STATUS_CODE.PERMISSION_DENIED;
  return STATUS_CODE.FAILURE;
}

/**
 * The environment a test's pipe runs with against `server`: its known_hosts file and test key, an
 * empty home (no ~/.ssh keys of the machine's), no ssh-agent, no password, no $PIPE_REMOTE.
 */
export function sshEnv(server: SshServer, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PIPE_REMOTE: '',
    HOME: tempDir(),
    SSH_AUTH_SOCK: '',
    PIPE_SSH_KNOWN_HOSTS: server.knownHosts,
    PIPE_SSH_KEY: server.clientKey,
    PIPE_SSH_KEY_PASSPHRASE: '',
    PIPE_SSH_PASSWORD: '',
    PIPE_SSH_TIMEOUT_MS: '',
    ...extra,
  };
}

/**
 * An ssh-agent holding one key (OpenSSH private key text), on a Unix socket in a temp folder, on
 * ssh2's AgentProtocol in server mode: it lists the key and signs with it. Returns the socket's
 * path (for $SSH_AUTH_SOCK) and how many signatures it made. Closed when the test ends.
 */
export async function startAgent(privateKey: string): Promise<{ socket: string; signed: () => number }> {
  const key = ssh2.utils.parseKey(privateKey);
  if (key instanceof Error) throw key;
  const socket = path.join(tempDir(), 'agent.sock');
  let signed = 0;
  const netModule = await import('node:net');
  const server = netModule.createServer((conn) => {
    const agent = new ssh2.AgentProtocol(false);
    conn.pipe(agent).pipe(conn);
    conn.on('error', () => {});
    agent.on('identities', (req) => agent.getIdentitiesReply(req, [key]));
    agent.on('sign', (req, _pub, data, options) => {
      signed++;
      agent.signReply(req, key.sign(data, options.hash) as Buffer);
    });
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { socket, signed: () => signed };
}
