// The one module that talks to `ssh2`: one SSH connection, one SFTP session over it, and the few
// file operations an ssh:// remote needs in pipe's terms (stat, list a folder, make folders, get
// and put a file or a text, rename over a file), with ssh2's errors sorted into the kinds pipe
// words differently. Loaded with `await import()` by ssh-transport.ts only when an ssh:// remote
// is used, so no other command loads ssh2 (scripts/bundle.mjs keeps it out of the bundle). ssh2
// itself is imported inside connectSftp too: the doctor bundle, built without code splitting,
// inlines this module, and a static import here would become one of doctor.js's.
//
// Logging in, in this order: the private key $PIPE_SSH_KEY, or a named remote's `keyfile` instead
// (passphrase: $PIPE_SSH_KEY_PASSPHRASE),
// the ssh-agent at $SSH_AUTH_SOCK, the default keys ~/.ssh/id_ed25519, id_ecdsa and id_rsa (those
// there without a passphrase), then $PIPE_SSH_PASSWORD (or the variable the remote's
// `password_env` names). The host key is checked against
// known_hosts (known-hosts.ts) before any of them is offered. ~/.ssh/config is not read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuthenticationType, ConnectConfig, ParsedKey, SFTPWrapper, Stats } from 'ssh2';
import { hostEntryName, keysFor, knownHostsPath, readKnownHosts, verifyHostKey, type HostKeyVerdict } from './known-hosts.js';

/** What went wrong, sorted by what the user should do about it. */
export type SshProblemKind =
  | 'unreachable' //   refused, DNS, timeout, connection lost
  | 'host-key' //      unknown host, changed or revoked key
  | 'auth' //          no credential accepted, or none to offer
  | 'credentials' //   $PIPE_SSH_KEY unreadable or not a usable key
  | 'missing' //       SFTP "no such file"
  | 'denied' //        SFTP "permission denied"
  | 'other';

/** An SSH or SFTP operation that failed; `detail` is one line, without a stack; `hint` says what to do. */
export class SshProblem extends Error {
  constructor(readonly kind: SshProblemKind, readonly detail: string, readonly hint?: string) {
    super(detail);
    this.name = 'SshProblem';
  }
}

export interface SshTarget {
  host: string;
  port: number;
  /** From the URL, else $USER. */
  user: string;
}

export interface SshOptions {
  /**
   * Connect + handshake + login, and how long a silent server is waited for, in ms: by SSH
   * keepalives for the connection; an SFTP request (whose server can hang behind a connection that
   * answers keepalives) is waited for twice as long without an answer or progress.
   */
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  /** A named remote's `keyfile` (an absolute path), used instead of $PIPE_SSH_KEY. */
  keyFile?: string;
  /** A named remote's `password_env`: the variable read instead of $PIPE_SSH_PASSWORD. */
  passwordVar?: string;
}

export interface RemoteStat {
  isDirectory: boolean;
  isFile: boolean;
  size: number;
}

export interface RemoteEntry {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  /** last modified (ms since the epoch), where the server said */
  mtimeMs?: number;
}

export interface SftpSession {
  /** undefined: no such file (or a folder above it is missing or a file). */
  stat(p: string): Promise<RemoteStat | undefined>;
  /** undefined: no such folder. */
  list(dir: string): Promise<RemoteEntry[] | undefined>;
  /** Makes one folder; false if something is already there. */
  mkdir(dir: string): Promise<boolean>;
  /** Downloads with several reads in flight; false if there is no such file. */
  get(remote: string, localAbs: string): Promise<boolean>;
  /** Uploads with several writes in flight. */
  put(localAbs: string, remote: string): Promise<void>;
  readText(remote: string): Promise<string | undefined>;
  writeText(remote: string, text: string): Promise<void>;
  /** Renames, replacing what `to` names (posix-rename@openssh.com where the server offers it). */
  rename(from: string, to: string): Promise<void>;
  remove(remote: string): Promise<void>;
  close(): void;
}

const SFTP_NO_SUCH_FILE = 2;
const SFTP_PERMISSION_DENIED = 3;

/** The host key algorithms a key of each known_hosts type signs with (an `ssh-rsa` key with the SHA-2 ones too). */
const HOST_KEY_ALGORITHMS: Record<string, string[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

type ParseKey = (data: Buffer, passphrase?: string) => ParsedKey | Error;

export async function connectSftp(target: SshTarget, options: SshOptions): Promise<SftpSession> {
  const ssh2 = (await import('ssh2')).default;
  const env = options.env ?? process.env;
  const where = `${target.user}@${target.host}:${target.port}`;
  const knownFile = knownHostsPath(env);
  let knownText: string;
  try {
    knownText = readKnownHosts(knownFile);
  } catch (err) {
    throw new SshProblem('host-key', `cannot read ${knownFile} to check ${target.host}'s host key (${(err as Error).message})`);
  }
  const known = keysFor(knownText, target.host, target.port);
  const auth = credentials(target.user, env, (data, passphrase) => ssh2.utils.parseKey(data, passphrase) as ParsedKey | Error, options);
  if (auth.offers.length === 0) {
    throw new SshProblem('auth', `no key or password to log in to ${where} with`, authHint(target));
  }

  const client = new ssh2.Client();
  let verdict: HostKeyVerdict | undefined;
  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.user,
    readyTimeout: options.timeoutMs,
    // a server that stops answering ends the connection after about timeoutMs of silence
    keepaliveInterval: Math.max(100, Math.ceil(options.timeoutMs / 3)),
    keepaliveCountMax: 3,
    hostVerifier: (key: Buffer) => {
      verdict = verifyHostKey(known, key);
      return verdict.ok;
    },
    authHandler: (_left: AuthenticationType[], _partial: boolean | null, next: (a: unknown) => void) => {
      const offer = auth.offers.shift();
      next(offer ?? false);
    },
  } as ConnectConfig;
  // the server's key is negotiated among the types known_hosts lists for it, as OpenSSH does:
  // else a server with several keys could present one of another type and look changed
  const types = [...new Set(known.filter((k) => !k.revoked).flatMap((k) => HOST_KEY_ALGORITHMS[k.type] ?? []))];
  if (types.length > 0) config.algorithms = { serverHostKey: types as NonNullable<ConnectConfig['algorithms']>['serverHostKey'] };

  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error & { level?: string; code?: string }) => {
      client.end();
      reject(connectProblem(err, target, verdict, knownFile, auth.tried, types));
    };
    client.once('ready', () => {
      client.removeListener('error', fail);
      resolve();
    });
    client.once('error', fail);
    // ssh2 may report more after the first failure (a socket closing mid-handshake): nothing to add
    client.on('error', () => {});
    try {
      client.connect(config);
    } catch (err) {
      fail(err as Error);
    }
  });

  // twice timeoutMs, as each SFTP request below is waited for (there, why)
  const sftpWaitMs = 2 * options.timeoutMs;
  const hungHint = 'check the server (its disk, its sftp-server), then run the command again (what was transferred is kept); pipe waits twice $PIPE_SSH_TIMEOUT_MS (in ms, default 20000)';
  const hung = (doing: string) => new SshProblem('unreachable', `${where} gave no answer for ${seconds(sftpWaitMs)} (${doing}): its SSH connection was up, its SFTP server stopped responding`, hungHint);
  let starting: NodeJS.Timeout | undefined;
  const sftp = await new Promise<SFTPWrapper>((resolve, reject) => {
    starting = setTimeout(() => reject(hung('starting SFTP')), sftpWaitMs);
    client.sftp((err, s) => (err ? reject(new SshProblem('other', `${where} does not offer SFTP (${oneLine(err.message)})`, 'pipe needs the SFTP subsystem (`Subsystem sftp` in sshd_config)')) : resolve(s)));
  }).catch((err: unknown) => {
    client.end();
    throw err;
  }).finally(() => clearTimeout(starting));

  // Once the connection is gone, ssh2 answers the requests then in flight with an error, but never
  // calls back one made after (nor the close that fastGet/fastPut send on an error): every request
  // waiting is failed here, and later ones at once, or the command would hang (or exit 13).
  let lost: SshProblem | undefined;
  let lastError: string | undefined;
  const waiting = new Set<(p: SshProblem) => void>();
  const gone = (): void => {
    lost ??= new SshProblem('unreachable', `the connection to ${where} was lost (${lastError ?? 'closed by the server'})`, 'check the network and run the command again (what was transferred is kept)');
    for (const fail of waiting) fail(lost);
    waiting.clear();
  };
  client.on('error', (err) => {
    lastError = oneLine(err.message);
  });
  client.on('close', gone);
  sftp.on('close', gone);

  // An SFTP server can stop answering while the connection stays up (keepalives are the SSH
  // layer's): a request without an answer or progress for twice timeoutMs ends the session, as a
  // lost connection does, so nothing waits forever. Twice: a server gone silent altogether is
  // found by the keepalives first (after about 4/3 of it) and reported as the lost connection it is.
  const stalled = (doing: string): void => {
    lost ??= hung(doing);
    gone();
    sftp.end();
    client.end();
  };

  // `doing`: what the request was for, in the message when it fails (`making the folder /srv/x`);
  // `op` calls `progress` as a transfer moves on, which restarts the wait
  const call = <T>(doing: string, op: (cb: (err: Error | null | undefined, value?: T) => void, progress: () => void) => void, missingIs?: () => T): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (lost) return reject(lost);
      let timer: NodeJS.Timeout | undefined;
      const wait = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => stalled(doing), sftpWaitMs);
      };
      const fail = (p: SshProblem): void => {
        clearTimeout(timer);
        reject(p);
      };
      waiting.add(fail);
      wait();
      op((err, value) => {
        clearTimeout(timer);
        waiting.delete(fail);
        if (!err) return resolve(value as T);
        const code = (err as { code?: unknown }).code;
        if (code === SFTP_NO_SUCH_FILE && missingIs) return resolve(missingIs());
        reject(sftpProblem(err, where, doing));
      }, wait);
    });
  const offersPosixRename = (sftp as unknown as { _extensions?: Record<string, string> })._extensions?.['posix-rename@openssh.com'] !== undefined;

  return {
    stat: (p) => call<RemoteStat | undefined>(`looking at ${p}`, (cb) => sftp.stat(p, (err, s) => cb(err, s && statOf(s))), () => undefined),
    list: (dir) => call<RemoteEntry[] | undefined>(`listing ${dir}`, (cb) => sftp.readdir(dir, (err, list) => cb(err, list?.map((e) => ({ name: e.filename, ...statOf(e.attrs as Stats) })))), () => undefined),
    mkdir: async (dir) => {
      try {
        await call<void>(`making the folder ${dir}`, (cb) => sftp.mkdir(dir, (err) => cb(err)));
        return true;
      } catch (err) {
        // OpenSSH answers "Failure" for a folder that is there: look before calling it a failure
        if (err instanceof SshProblem && err.kind === 'other' && (await call<RemoteStat | undefined>(`looking at ${dir}`, (cb) => sftp.stat(dir, (e, s) => cb(e, s && statOf(s))), () => undefined)) !== undefined) return false;
        throw err;
      }
    },
    get: (remote, localAbs) => call<boolean>(`reading ${remote}`, (cb, progress) => sftp.fastGet(remote, localAbs, { step: progress }, (err) => cb(err, true)), () => false),
    put: (localAbs, remote) => call<void>(`writing ${remote}`, (cb, progress) => sftp.fastPut(localAbs, remote, { step: progress }, (err) => cb(err))),
    readText: (remote) => call<string | undefined>(`reading ${remote}`, (cb) => sftp.readFile(remote, (err, data) => cb(err, data?.toString('utf8'))), () => undefined),
    writeText: (remote, text) => call<void>(`writing ${remote}`, (cb) => sftp.writeFile(remote, text, (err) => cb(err))),
    rename: async (from, to) => {
      if (offersPosixRename) return call<void>(`renaming ${from} to ${to}`, (cb) => sftp.ext_openssh_rename(from, to, (err) => cb(err)));
      // plain SFTP rename refuses an existing target (OpenSSH: "Failure"): remove it, then rename
      // (the name is missing for that moment, never half-written)
      try {
        await call<void>(`renaming ${from} to ${to}`, (cb) => sftp.rename(from, to, (err) => cb(err)));
      } catch (err) {
        if (!(err instanceof SshProblem) || err.kind !== 'other') throw err;
        await call<void>(`removing ${to}`, (cb) => sftp.unlink(to, (e) => cb(e)), () => undefined);
        await call<void>(`renaming ${from} to ${to}`, (cb) => sftp.rename(from, to, (e) => cb(e)));
      }
    },
    remove: (remote) => call<void>(`removing ${remote}`, (cb) => sftp.unlink(remote, (err) => cb(err)), () => undefined),
    close: () => {
      lost ??= new SshProblem('other', 'the connection was closed');
      sftp.end();
      client.end();
    },
  };
}

function statOf(s: Stats): RemoteStat {
  // SFTP gives whole seconds
  return { isDirectory: s.isDirectory(), isFile: s.isFile(), size: s.size, ...(typeof s.mtime === 'number' ? { mtimeMs: s.mtime * 1000 } : {}) };
}

interface Credentials {
  /** ssh2 authHandler answers, in the order they are offered. */
  offers: unknown[];
  /** What they are, for the message when the server takes none. */
  tried: string[];
}

function credentials(user: string, env: NodeJS.ProcessEnv, parseKey: ParseKey, own: { keyFile?: string; passwordVar?: string }): Credentials {
  const offers: unknown[] = [];
  const tried: string[] = [];
  // the remote's `keyfile` option, else $PIPE_SSH_KEY: named as the user gave it
  const keyFile = own.keyFile ?? env.PIPE_SSH_KEY;
  const keySaid = own.keyFile !== undefined ? "the remote's keyfile" : '$PIPE_SSH_KEY';
  const setKey = (what: string): string => (own.keyFile !== undefined ? `give the remote's keyfile ${what} (\`pipe remote modify <name> keyfile <path>\`)` : `set $PIPE_SSH_KEY to ${what}`);
  if (keyFile) {
    let data: Buffer;
    try {
      data = fs.readFileSync(keyFile);
    } catch (err) {
      throw new SshProblem('credentials', `cannot read the key ${keySaid} names (${keyFile}): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, setKey('the path of a private key file'));
    }
    const passphrase = env.PIPE_SSH_KEY_PASSPHRASE || undefined;
    const parsed = parseKey(data, passphrase);
    if (parsed instanceof Error) {
      const encrypted = /passphrase|encrypted/i.test(parsed.message);
      throw new SshProblem(
        'credentials',
        encrypted && passphrase === undefined ? `the key ${keySaid} names (${keyFile}) has a passphrase and $PIPE_SSH_KEY_PASSPHRASE is not set`
          : `cannot use the key ${keySaid} names (${keyFile}): ${oneLine(parsed.message)}`,
        encrypted ? `set $PIPE_SSH_KEY_PASSPHRASE to its passphrase, or load the key into ssh-agent (\`ssh-add\`) and unset ${own.keyFile !== undefined ? "the remote's keyfile" : '$PIPE_SSH_KEY'}` : setKey('an OpenSSH or PEM private key file'),
      );
    }
    offers.push({ type: 'publickey', username: user, key: data, ...(passphrase === undefined ? {} : { passphrase }) });
    tried.push(`the key ${keyFile} (${keySaid})`);
  }
  if (env.SSH_AUTH_SOCK) {
    offers.push({ type: 'agent', username: user, agent: env.SSH_AUTH_SOCK });
    tried.push('the ssh-agent ($SSH_AUTH_SOCK)');
  }
  for (const name of ['id_ed25519', 'id_ecdsa', 'id_rsa']) {
    const file = path.join(env.HOME || os.homedir(), '.ssh', name);
    let data: Buffer;
    try {
      data = fs.readFileSync(file);
    } catch {
      continue; // not there (or unreadable): not a key to offer
    }
    // one with a passphrase is skipped: pipe never prompts (the agent holds such keys)
    if (parseKey(data) instanceof Error) continue;
    offers.push({ type: 'publickey', username: user, key: data });
    tried.push(`~/.ssh/${name}`);
  }
  const passwordVar = own.passwordVar ?? 'PIPE_SSH_PASSWORD';
  const password = env[passwordVar];
  if (password) {
    offers.push({ type: 'password', username: user, password });
    tried.push(`the password $${passwordVar}`);
  }
  return { offers, tried };
}

function authHint(t: SshTarget): string {
  return `set $PIPE_SSH_KEY to a private key whose public key is in ~/.ssh/authorized_keys of ${t.user} on ${t.host}, load one into ssh-agent (\`ssh-add\`), or set $PIPE_SSH_PASSWORD; the user is the URL's (ssh://user@host/...), else $USER`;
}

/** Sorts a failure to connect and log in; never keeps the stack. */
function connectProblem(err: Error & { level?: string; code?: string }, t: SshTarget, verdict: HostKeyVerdict | undefined, knownFile: string, tried: string[], types: string[]): SshProblem {
  if (err instanceof SshProblem) return err;
  const name = hostEntryName(t.host, t.port);
  const dashP = t.port === 22 ? '' : `-p ${t.port} `;
  if (verdict !== undefined && !verdict.ok) {
    if (verdict.why === 'unknown') {
      return new SshProblem(
        'host-key',
        `${name} is not in ${knownFile}: its host key (${verdict.type} ${verdict.fingerprint}) cannot be checked`,
        `connect once with \`ssh ${dashP}${t.user}@${t.host}\` and accept the key after checking its fingerprint (that records it), or run \`ssh-keyscan ${dashP}${t.host} >> ${knownFile}\``,
      );
    }
    return new SshProblem(
      'host-key',
      verdict.why === 'revoked' ? `the host key of ${name} (${verdict.type} ${verdict.fingerprint}) is marked @revoked in ${knownFile}`
        : `the host key of ${name} changed: it sent ${verdict.type} ${verdict.fingerprint}, which is not the key ${knownFile} lists for it`,
      `if the server's key was really changed, remove the old one with \`ssh-keygen -R '${name}' -f ${knownFile}\` and connect once with \`ssh ${dashP}${t.user}@${t.host}\`; otherwise someone may be intercepting the connection`,
    );
  }
  const message = oneLine(err.message);
  if (/no matching host key/i.test(message) && types.length > 0) {
    return new SshProblem(
      'host-key',
      `${name} offers no host key of the types ${knownFile} lists for it (${types.join(', ')}): its host key changed`,
      `if the server's key was really changed, remove the old one with \`ssh-keygen -R '${name}' -f ${knownFile}\` and connect once with \`ssh ${dashP}${t.user}@${t.host}\``,
    );
  }
  if (err.level === 'client-authentication') {
    return new SshProblem('auth', `${t.host} did not let ${t.user} log in with ${orList(tried)}`, authHint(t));
  }
  if (err.level === 'client-timeout' || /timed out/i.test(message)) {
    return new SshProblem('unreachable', `no answer from ${t.host} port ${t.port} (timed out)`, `check the host and port and that an SSH server runs there`);
  }
  if (err.code === 'ECONNREFUSED') return new SshProblem('unreachable', `connection refused by ${t.host} port ${t.port}`, 'check that an SSH server runs there and the port (ssh://host:PORT/path)');
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return new SshProblem('unreachable', `unknown host ${t.host}`, 'check the host name in the remote URL and the network');
  if (err.code !== undefined) return new SshProblem('unreachable', `cannot connect to ${t.host} port ${t.port} (${err.code}: ${message})`, 'check the network, the host and the port');
  return new SshProblem('unreachable', `${t.host} port ${t.port}: ${message}`, 'check the host and port and that an SSH server runs there');
}

function sftpProblem(err: Error, where: string, doing: string): SshProblem {
  const code = (err as { code?: unknown }).code;
  const message = oneLine(err.message);
  if (code === SFTP_NO_SUCH_FILE) return new SshProblem('missing', `no such file or folder (${doing})`);
  if (code === SFTP_PERMISSION_DENIED) return new SshProblem('denied', `permission denied ${doing}`);
  if (typeof code === 'number') return new SshProblem('other', `${message} (${doing})`);
  // no SFTP status: the connection itself failed (closed, no answer to keepalives)
  return new SshProblem('unreachable', `the connection to ${where} was lost (${message})`, 'check the network and run the command again (what was transferred is kept)');
}

/** `900 ms`, `20 s`, `1.5 s` */
function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** `a`, `a or b`, `a, b or c` */
function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
