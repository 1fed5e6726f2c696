// Which remote to use. The committed project config `pipe.config.yaml` (project root) names it:
//
//     remote: ../pipe-remote          # a directory, relative to the project root
//     remote: file:///srv/pipe-remote # or a file:// URL
//     remote: s3://bucket/some/prefix  # or an S3 bucket (AWS or S3-compatible: s3-transport.ts)
//     remote: gs://bucket/some/prefix  # or a Google Cloud Storage bucket (gcs-transport.ts)
//     remote: https://host/some/prefix # or an HTTP(S) server (http-transport.ts)
//     remote: ssh://user@host/srv/pipe  # or a folder on a machine reached over SSH (ssh-transport.ts)
//
// `--remote <url>` on the command line, then the PIPE_REMOTE environment variable, override it.
// Each of the three may also be a name from the file's `remotes:` table (named-remotes.ts), whose
// options (remote-options.ts) openTransport hands to the transport over the environment's.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Result, StoreFailure } from '../stores/index.js';
import { PROJECT_CONFIG_FILE } from '../stores/project-config.js';
import { DirTransport } from './dir-transport.js';
import { GcsTransport, parseGcsUrl } from './gcs-transport.js';
import { HttpTransport, httpAuth, parseHttpUrl, timeoutFromEnv, withoutUserinfo } from './http-transport.js';
import { S3Transport, parseS3Url } from './s3-transport.js';
import { AzureTransport, azureAccess, parseAzureUrl } from './azure-transport.js';
import { SshTransport, parseSshUrl, sshTimeoutFromEnv } from './ssh-transport.js';
import type { RemoteCheck, Transport } from './transport.js';
import { quoteIn } from '../engine/cmd-quote.js';
import { closestName } from '../engine/suggest.js';
import { nameShaped } from './named-remotes.js';
import { LOCAL_CONFIG_FILE, configFileOf, fromConfigFile, readRemoteLayers } from './remote-layers.js';
import type { RemoteOptions } from './remote-options.js';

export { PROJECT_CONFIG_FILE };

export interface RemoteSpec {
  /** The URL or path as written. */
  url: string;
  /** Where it came from, for messages: `pipe.config.yaml:1:9`, `--remote`, `PIPE_REMOTE`. */
  source: string;
  /** The name from `remotes:` it was given by; `source` is then where its URL is written. */
  name?: string;
  /** That remote's options (remote-options.ts): each wins over the environment variable it stands for. */
  options?: RemoteOptions;
}

/**
 * A `--remote` given on the command line: a relative directory is taken from the folder the
 * command runs in, as every other path argument is (`pipe push -r ../r` from a subfolder went
 * to a folder beside the project root instead); URLs and absolute paths pass as they are.
 */
export function remoteFromCli(value: string, cwd: string): string {
  if (value === '' || /^[a-z][a-z0-9+.-]*:/i.test(value) || path.isAbsolute(value)) return value;
  // a bare word is always a remote name (resolveRemoteSpec looks it up and refuses one that is
  // none): taken for a folder, `pipe push -r backup` made ./backup and filled it with the cache
  if (nameShaped(value)) return value;
  return path.resolve(cwd, value);
}

/**
 * The remote `value` names in `remotes:`, a failure where pipe.config.yaml or its table cannot be
 * read (a name-shaped value cannot then be told from a folder) or where `value` is a name mistyped
 * (close to one, and no folder of that name in `base`, which a push would make), or undefined:
 * not a name there.
 */
function readNamed(projectRoot: string, value: string, base = projectRoot): Result<RemoteSpec> | undefined {
  if (!nameShaped(value)) return undefined;
  const layers = readRemoteLayers(projectRoot);
  if (!layers.ok) return layers;
  if (!layers.value.committed.exists && !layers.value.local.exists) return undefined;
  const found = layers.value.remotes.find((r) => r.name === value);
  if (found !== undefined) return { ok: true, value: { url: found.url, source: found.source, name: found.name, options: found.options } };
  return mistypedName(value, layers.value.remotes.map((r) => r.name), base, `remote '${value}'`, { file: PROJECT_CONFIG_FILE });
}

/**
 * `value` taken for a mistyped name: close to one of `remotes:`, and no folder of that name in
 * `base` (which a push would make). `said` words the value: `remote '<value>'`.
 */
function mistypedName(value: string, names: string[], base: string, said: string, location: StoreFailure['location']): { ok: false; failure: StoreFailure } | undefined {
  const near = closestName(value, names);
  if (near === undefined || existsSync(path.resolve(base, value))) return undefined;
  return {
    ok: false,
    failure: { code: 'remote-config', message: `${said} is no name in \`remotes:\` of ${PROJECT_CONFIG_FILE}: did you mean '${near}'?`, hint: `\`pipe remote list\` lists them; a folder of that name is written ./${value}`, location },
  };
}

/**
 * A failure for a bare word (`backup`: no `/`, no scheme) given by -r or $PIPE_REMOTE that names no
 * remote: it is always taken for a name, never for a folder in the project a push would make and
 * fill with the cache. Undefined for anything else (a path or URL).
 */
function noSuchName(projectRoot: string, value: string): { ok: false; failure: StoreFailure } | undefined {
  if (!nameShaped(value)) return undefined;
  const layers = readRemoteLayers(projectRoot);
  const names = layers.ok ? layers.value.remotes.map((r) => r.name) : [];
  const files = layers.ok && layers.value.local.exists ? `${PROJECT_CONFIG_FILE} and ${LOCAL_CONFIG_FILE}` : PROJECT_CONFIG_FILE;
  const verb = files === PROJECT_CONFIG_FILE ? 'names' : 'name';
  const known = names.length > 0 ? `${files} ${verb}: ${names.join(', ')}` : `${files} ${verb} none`;
  return {
    ok: false,
    failure: {
      code: 'remote-config',
      message: `no remote named '${value}' (${known}); a folder is written as a path: ./${value} or /abs/path`,
      hint: '`pipe remote add <name> <url>` names one; `pipe remote list` lists them',
      location: { file: PROJECT_CONFIG_FILE },
    },
  };
}

/**
 * ` -r <remote>` for a hint naming a push or pull command, where the remote came from `-r` (else
 * the hint's command would go to the configured remote instead); quoted for a shell where needed.
 */
export function remoteFlag(remote: string | undefined): string {
  return remote === undefined || remote === '' ? '' : ` -r ${quoteIn('bare', remote)}`;
}

/** The configured remote, or a failure naming the config file and what to write there. */
export function resolveRemoteSpec(projectRoot: string, override?: string, env: NodeJS.ProcessEnv = process.env): Result<RemoteSpec> {
  if (override !== undefined && override !== '') return readNamed(projectRoot, override) ?? noSuchName(projectRoot, override) ?? { ok: true, value: { url: override, source: '--remote' } };
  const fromEnv = env.PIPE_REMOTE;
  if (fromEnv !== undefined && fromEnv !== '') return readNamed(projectRoot, fromEnv) ?? noSuchName(projectRoot, fromEnv) ?? { ok: true, value: { url: fromEnv, source: 'PIPE_REMOTE' } };
  const hint = `add a line \`remote: <directory, file://, s3://, gs://, azure://, http(s):// or ssh:// URL>\` to ${PROJECT_CONFIG_FILE} at the project root, or set $PIPE_REMOTE or pass --remote`;
  const layers = readRemoteLayers(projectRoot);
  if (!layers.ok) return layers;
  const { committed, local, remotes: table } = layers.value;
  if (!committed.exists && !local.exists) {
    return { ok: false, failure: { code: 'remote-config', message: `no remote configured (${PROJECT_CONFIG_FILE} not found)`, hint, location: { file: PROJECT_CONFIG_FILE } } };
  }
  // where `remote:` is written, or (unset) the top of pipe.config.yaml, as before
  const d = layers.value.default;
  const file = d?.file ?? PROJECT_CONFIG_FILE;
  const { line, col } = d ?? { line: 1, col: 1 };
  const location = { file, line, col };
  const remote = d?.value;
  if (remote === undefined && table.length > 0) {
    const names = table.map((r) => r.name).join(', ');
    // the names only this clone's file gives are said to be its (after `pipe remote remove` of one it overrides)
    const onlyLocal = table.every((r) => configFileOf(r.source) === LOCAL_CONFIG_FILE);
    const where = onlyLocal ? `\`remotes\` of ${LOCAL_CONFIG_FILE} names` : '`remotes` names';
    return { ok: false, failure: { code: 'remote-config', message: `${PROJECT_CONFIG_FILE}: no default remote (no \`remote\` key; ${where} ${names})`, hint: '`pipe remote default <name>` sets one, or pass --remote <name> or set $PIPE_REMOTE', location } };
  }
  if (remote === undefined) {
    return { ok: false, failure: { code: 'remote-config', message: `${PROJECT_CONFIG_FILE}: no \`remote\` key`, hint, location } };
  }
  if (typeof remote !== 'string' || remote.trim() === '') {
    return { ok: false, failure: { code: 'remote-config', message: `${file}:${line}:${col}: \`remote\` must be a directory path, file://, s3://, gs://, azure://, http(s):// or ssh:// URL`, hint, location } };
  }
  const named = table.find((r) => r.name === remote);
  if (named !== undefined) return { ok: true, value: { url: named.url, source: named.source, name: named.name, options: named.options } };
  const mistyped = nameShaped(remote) ? mistypedName(remote, table.map((r) => r.name), projectRoot, `${file}:${line}:${col}: \`remote: ${remote}\``, location) : undefined;
  if (mistyped !== undefined) return mistyped;
  return { ok: true, value: { url: remote, source: `${file}:${line}:${col}` } };
}

/** A transport for a spec: directories, file://, s3://, gs://, azure://, http(s):// and ssh:// URLs; other schemes are refused clearly. */
export function openTransport(projectRoot: string, spec: RemoteSpec, env: NodeJS.ProcessEnv = process.env): Result<Transport> {
  const { url } = spec;
  // `file:/srv/x` is a file URL too (RFC 8089), as Node reads it
  const scheme = /^file:/i.test(url) ? 'file' : /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  let dir: string;
  // `s3:/bucket` or `file:/srv/x` would be taken as a folder named `s3:` in the project: a push
  // would fill it and report success
  const slashShort = scheme === undefined ? /^([a-z][a-z0-9+.-]+):\/?(?!\/)/i.exec(url) : null;
  if (slashShort) {
    const fixed = `${slashShort[1] ?? ''}://${url.slice(slashShort[0].length)}`;
    return { ok: false, failure: { code: 'remote-config', message: `${spec.source}: remote '${url}' looks like a URL with a slash missing: did you mean '${fixed}'? (a folder whose name ends in ':' is written './${url}')` } };
  }
  if (scheme === undefined) dir = path.resolve(projectRoot, url);
  else if (scheme === 'file') {
    try {
      dir = fileURLToPath(url);
    } catch (err) {
      return { ok: false, failure: { code: 'remote-config', message: `${spec.source}: invalid file:// URL ${url}: ${(err as Error).message}` } };
    }
  } else if (scheme === 's3') {
    const location = parseS3Url(url);
    if (!location.ok) return { ok: false, failure: { code: 'remote-config', message: `${spec.source}: invalid s3:// URL ${url}: ${location.reason}` } };
    const own = spec.options ?? {};
    const transport: S3Transport = new S3Transport(location.value, {
      ...optionText(own, 'endpointurl', 'endpoint'),
      ...optionText(own, 'region', 'region'),
      ...optionText(own, 'profile', 'profile'),
      failure: (check) => remoteUnusable(check, transport.description, spec),
    });
    return { ok: true, value: transport };
  } else if (scheme === 'azure') {
    const location = parseAzureUrl(url);
    if (!location.ok) return { ok: false, failure: { code: 'remote-config', message: `${spec.source}: invalid azure:// URL ${url}: ${location.reason}` } };
    const own = spec.options ?? {};
    const { access, said, option } = azureAccess({
      ...optionText(own, 'account_name', 'accountName'),
      ...optionText(own, 'account_key', 'accountKey'),
      ...optionText(own, 'sas_token', 'sasToken'),
      ...optionText(own, 'connection_string', 'connectionString'),
      ...optionText(own, 'endpointurl', 'endpoint'),
    }, env);
    const transport: AzureTransport = new AzureTransport(location.value, { access, ...(said === undefined ? {} : { said }), ...(option === undefined ? {} : { option }), ...(spec.name === undefined ? {} : { name: spec.name }), failure: (check) => remoteUnusable(check, transport.description, spec) });
    return { ok: true, value: transport };
  } else if (scheme === 'gs') {
    const location = parseGcsUrl(url);
    if (!location.ok) return { ok: false, failure: { code: 'remote-config', message: `${spec.source}: invalid gs:// URL ${url}: ${location.reason}` } };
    const own = spec.options ?? {};
    const transport: GcsTransport = new GcsTransport(location.value, {
      ...optionText(own, 'endpointurl', 'endpoint'),
      ...optionText(own, 'projectname', 'projectName'),
      ...(typeof own.credentialpath === 'string' ? { credentialPath: keyFilePath(projectRoot, own.credentialpath, env) } : {}),
      failure: (check) => remoteUnusable(check, transport.description, spec),
    });
    return { ok: true, value: transport };
  } else if (scheme === 'http' || scheme === 'https') {
    return openHttp(spec, env);
  } else if (scheme === 'ssh') {
    return openSsh(projectRoot, spec, env);
  } else {
    return { ok: false, failure: { code: 'remote-config', message: `${spec.source}: remote scheme \`${scheme}://\` is not supported (use a directory path, file://, s3://, gs://, azure://, http(s):// or ssh:// URL)` } };
  }
  return { ok: true, value: new DirTransport(dir) };
}

/**
 * An http(s):// remote. Its credentials come from the environment ($PIPE_HTTP_USER /
 * $PIPE_HTTP_PASSWORD, $PIPE_HTTP_TOKEN), or from the URL where it was given on the command line
 * or in $PIPE_REMOTE; never from pipe.config.yaml, which is committed.
 */
function openHttp(spec: RemoteSpec, env: NodeJS.ProcessEnv): Result<Transport> {
  const shown = withoutUserinfo(spec.url);
  const location = parseHttpUrl(spec.url);
  if (!location.ok) return { ok: false, failure: { code: 'remote-config', message: `${spec.source}: invalid remote URL ${shown}: ${location.reason}` } };
  const file = configFileOf(spec.source);
  if (location.value.userinfo && file !== undefined) {
    // the local file too: it is git-ignored, but pipe keeps secrets in the environment alone
    return {
      ok: false,
      failure: {
        code: 'remote-config',
        message: `${spec.source}: the remote URL carries a user and password (${shown} with \`user:password@\` before the host), and ${file === PROJECT_CONFIG_FILE ? `${file} is committed` : `pipe keeps no password in ${file}`}`,
        hint: `write \`remote: ${shown}\` and set $PIPE_HTTP_USER and $PIPE_HTTP_PASSWORD (or $PIPE_HTTP_TOKEN for a bearer token) where pipe runs; if the file was committed with the password, change the password`,
        location: { file },
      },
    };
  }
  const own = spec.options ?? {};
  const auth = httpAuth(location.value, env, { ...optionText(own, 'user', 'user'), ...optionText(own, 'password_env', 'passwordVar'), ...optionText(own, 'token_env', 'tokenVar') });
  if (!auth.ok) {
    // a remote whose own options say where its credentials come from: named, with them
    const custom = spec.name !== undefined && ['user', 'password_env', 'token_env'].some((o) => own[o] !== undefined);
    const hint = custom
      ? `set the variables remote ${spec.name ?? ''}'s options name where pipe runs (\`pipe remote list --json\` shows its options; \`pipe remote modify\` changes them)`
      : 'set $PIPE_HTTP_USER and $PIPE_HTTP_PASSWORD for HTTP basic auth, or $PIPE_HTTP_TOKEN alone for a bearer token';
    return { ok: false, failure: { code: 'remote-config', message: `${custom ? `${spec.source}: remote ${spec.name ?? ''} (${shown})` : `remote ${shown}`}: ${auth.reason}`, hint } };
  }
  const timeoutMs = typeof own.timeout_ms === 'number' ? own.timeout_ms : timeoutFromEnv(env);
  const transport: HttpTransport = new HttpTransport(location.value, auth.value, {
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(typeof own.timeout_ms === 'number' ? { timeoutSaid: 'timeout_ms' } : {}),
    failure: (check) => remoteUnusable(check, transport.description, spec),
  });
  return { ok: true, value: transport };
}

/**
 * An ssh:// remote. A password is never taken from the URL (pipe.config.yaml is committed, and a
 * command line is seen by `ps`): $PIPE_SSH_PASSWORD, or better a key, logs in (ssh-adapter.ts).
 */
function openSsh(projectRoot: string, spec: RemoteSpec, env: NodeJS.ProcessEnv): Result<Transport> {
  const own = spec.options ?? {};
  const user = typeof own.user === 'string' ? own.user : undefined;
  // the remote's `user` stands in for $USER where the URL names none, and wins over the URL's
  const location = parseSshUrl(spec.url, user === undefined ? env : { ...env, USER: user });
  if (location.ok && user !== undefined) location.value = { ...location.value, user, userFromUrl: true };
  if (location.ok && typeof own.port === 'number') location.value = { ...location.value, port: own.port };
  if (!location.ok && location.password) {
    const shown = spec.url.replace(/^(ssh:\/\/[^/:@]*):[^/@]*@/i, '$1@');
    return {
      ok: false,
      failure: {
        code: 'remote-config',
        message: `${spec.source}: the remote URL carries a password (${shown} with \`:password\` after the user); pipe never takes an SSH password from a URL`,
        hint: `write the URL without it (${shown}) and set $PIPE_SSH_PASSWORD where pipe runs, or better log in with a key ($PIPE_SSH_KEY, ssh-agent or ~/.ssh/id_*); if the URL was committed with the password, change the password`,
        ...(fromConfigFile(spec.source) ? { location: { file: configFileOf(spec.source) ?? PROJECT_CONFIG_FILE } } : {}),
      },
    };
  }
  if (!location.ok) return { ok: false, failure: { code: 'remote-config', message: `${spec.source}: invalid remote URL ${spec.url}: ${location.reason}` } };
  const timeoutMs = typeof own.timeout_ms === 'number' ? own.timeout_ms : sshTimeoutFromEnv(env);
  const keyFile = typeof own.keyfile === 'string' ? keyFilePath(projectRoot, own.keyfile, env) : undefined;
  const transport: SshTransport = new SshTransport(location.value, {
    env,
    ...(keyFile !== undefined ? { keyFile } : {}),
    ...optionText(own, 'password_env', 'passwordVar'),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    failure: (check) => remoteUnusable(check, transport.description, spec),
  });
  return { ok: true, value: transport };
}

/** `{ [as]: value }` for a text option the remote has, else nothing (to spread into a transport's options). */
function optionText<K extends string>(own: RemoteOptions, name: string, as: K): Partial<Record<K, string>> {
  const value = own[name];
  return typeof value === 'string' ? ({ [as]: value } as Partial<Record<K, string>>) : {};
}

/** A `keyfile` option as a path: `~/` is the home folder, a relative path is from the project root. */
function keyFilePath(projectRoot: string, keyfile: string, env: NodeJS.ProcessEnv): string {
  if (keyfile === '~' || keyfile.startsWith('~/')) return path.join(env.HOME || os.homedir(), keyfile.slice(1));
  return path.resolve(projectRoot, keyfile);
}

/**
 * The error for a remote that `Transport.open` refused: it names the remote as written (and the
 * directory it resolved to, when that differs) and says where to fix it. `spec` is undefined for a
 * transport handed over directly (tests).
 */
/** ` (the remote named by --remote)` and the like, for a transport's hint; nothing for pipe.config.yaml, whose line leads the message. */
function from(spec: RemoteSpec | undefined): string {
  if (spec?.source === '--remote') return ' (the remote named by --remote)';
  if (spec?.source === 'PIPE_REMOTE') return ' (the remote named by $PIPE_REMOTE)';
  return '';
}

export function remoteUnusable(
  check: Extract<RemoteCheck, { ok: false }>,
  description: string,
  spec?: RemoteSpec,
): StoreFailure {
  // a URL given with --remote may carry a password: never printed
  const url = spec === undefined ? undefined : withoutUserinfo(spec.url);
  const unnamed = url === undefined || url === description ? description : `${url} (${description})`;
  // a remote given by its name from `remotes:`: the name first, then where it lies
  const shown = spec?.name === undefined ? unnamed : `${spec.name} (${url === undefined || url === description ? description : `${url}, ${description}`})`;
  // file:line:col first when the value came from pipe.config.yaml, as every config failure does
  const at = spec !== undefined && fromConfigFile(spec.source) ? `${spec.source}: ` : '';
  const file = spec === undefined ? undefined : configFileOf(spec.source) ?? PROJECT_CONFIG_FILE;
  let where: string;
  if (spec === undefined) where = 'check the remote\'s path';
  else if (spec.source === '--remote') where = 'check the path given to --remote (it overrides $PIPE_REMOTE and pipe.config.yaml)';
  else if (spec.source === 'PIPE_REMOTE') where = 'check $PIPE_REMOTE (it overrides pipe.config.yaml; --remote overrides it)';
  else if (spec.name !== undefined) where = `check remote '${spec.name}' under \`remotes:\` in ${file ?? PROJECT_CONFIG_FILE} (\`pipe remote list\`), or name another with --remote or $PIPE_REMOTE`;
  else where = `check \`remote:\` in ${file ?? PROJECT_CONFIG_FILE}, or override it with --remote or $PIPE_REMOTE`;
  switch (check.reason) {
    case 'missing':
      return { code: 'remote-missing', message: `${at}remote ${shown} does not exist`, hint: `${where}; a new remote is created by the first \`pipe push\`` };
    case 'missing-bucket': {
      // Azure Blob Storage calls its buckets containers
      const bucket = description.startsWith('azure://') ? 'container' : 'bucket';
      return {
        code: 'remote-missing',
        message: `${at}remote ${shown}: ${bucket} ${check.detail} does not exist`,
        hint: `create the ${bucket} first (\`pipe push\` never creates ${bucket}s), or ${where}`,
      };
    }
    case 'not-a-directory':
      return { code: 'remote-config', message: `${at}remote ${shown} is not a directory`, hint: where };
    case 'under-a-file':
      return { code: 'remote-config', message: `${at}remote ${shown} cannot be a directory: ${check.detail} is not a directory`, hint: where };
    case 'inaccessible':
      // the transport's own hint (network, credentials) still says where the remote was named
      return { code: 'remote-unreachable', message: `${at}cannot use remote ${shown}${check.detail ? `: ${check.detail}` : ''}`, hint: check.hint === undefined ? where : `${check.hint}${from(spec)}` };
  }
}
