// Per-remote options (DVC's `dvc remote modify`): a named remote under `remotes:` may be a mapping
// instead of a bare URL,
//
//     remotes:
//       storage: ../pipe-remote          # a URL alone, as before
//       nas:
//         url: ssh://nas.local/srv/pipe
//         port: 2222
//         keyfile: ~/.ssh/nas_ed25519
//
// holding `url` and the options its transport reads. Each option stands in for the environment
// variable the transport reads otherwise, and wins over it for that remote: the variables still
// serve every remote that leaves the option unset. Secrets are never written here (the file is
// committed): `password_env` / `token_env` name the variable that holds one. This module is the
// one list of options, which schemes take each, and how a value is checked.
import { closestName } from '../engine/suggest.js';

export type RemoteKind = 'dir' | 's3' | 'http' | 'ssh' | 'azure' | 'gs';

export type OptionValue = string | number;

/** The options of one remote, by name, as checked (numbers as numbers). */
export type RemoteOptions = Readonly<Record<string, OptionValue>>;

interface OptionSpec {
  kinds: RemoteKind[];
  /** what it is, for `pipe remote modify --help` and the README */
  about: string;
  /** the value checked: the value to write, or why it cannot be one */
  check(value: string): { ok: true; value: OptionValue } | { ok: false; reason: string };
  /**
   * A secret DVC keeps in its config (an Azure account key): taken from pipe.config.local.yaml
   * only (git-ignored; `pipe remote modify --local`), never from the committed file, and shown
   * as `***` by `pipe remote list` and `modify`.
   */
  secret?: true;
}

const text = (value: string): { ok: true; value: string } | { ok: false; reason: string } =>
  value.trim() === '' ? { ok: false, reason: 'it is empty' } : { ok: true, value };

const envName = (value: string): { ok: true; value: string } | { ok: false; reason: string } =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(value) ? { ok: true, value } : { ok: false, reason: 'it is not an environment variable name (letters, digits and _, not starting with a digit)' };

const integer = (min: number, max: number) => (value: string): { ok: true; value: number } | { ok: false; reason: string } => {
  const n = Number(value);
  return /^\d+$/.test(value.trim()) && n >= min && n <= max ? { ok: true, value: n } : { ok: false, reason: `it is not a whole number from ${min} to ${max}` };
};

/** Every option besides `url`, in the order `pipe remote modify --help` lists them. */
export const REMOTE_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  endpointurl: {
    kinds: ['s3', 'azure', 'gs'],
    about: 's3: an S3-compatible server (MinIO, Ceph, R2), instead of $AWS_ENDPOINT_URL_S3 / $AWS_ENDPOINT_URL; azure: the blob service URL, instead of https://<account>.blob.core.windows.net; gs: a GCS emulator, instead of $STORAGE_EMULATOR_HOST',
    check: (v) => (/^https?:\/\/[^/?#]+/i.test(v) ? { ok: true, value: v } : { ok: false, reason: 'it is not an http:// or https:// URL' }),
  },
  region: { kinds: ['s3'], about: "the bucket's region, instead of $AWS_REGION or the profile's", check: text },
  profile: { kinds: ['s3'], about: 'the AWS profile (~/.aws/credentials, ~/.aws/config), instead of $AWS_PROFILE', check: text },
  projectname: { kinds: ['gs'], about: 'the Google Cloud project, instead of the credentials\'', check: text },
  credentialpath: {
    kinds: ['gs'],
    about: 'a service-account JSON key file (~/ for the home folder; relative to the project root), instead of $GOOGLE_APPLICATION_CREDENTIALS',
    check: text,
  },
  user: { kinds: ['ssh', 'http'], about: "ssh: the user to log in as, instead of the URL's or $USER; http(s): the basic-auth user, instead of $PIPE_HTTP_USER", check: text },
  port: { kinds: ['ssh'], about: "the SSH port, instead of the URL's (or 22)", check: integer(1, 65535) },
  keyfile: { kinds: ['ssh'], about: 'the private key to log in with (~/ for the home folder; relative to the project root), instead of $PIPE_SSH_KEY', check: text },
  password_env: {
    kinds: ['ssh', 'http'],
    about: 'the name of the environment variable holding the password, instead of $PIPE_SSH_PASSWORD / $PIPE_HTTP_PASSWORD',
    check: envName,
  },
  token_env: { kinds: ['http'], about: 'the name of the environment variable holding a bearer token, instead of $PIPE_HTTP_TOKEN', check: envName },
  account_name: { kinds: ['azure'], about: 'the Azure storage account, instead of $AZURE_STORAGE_ACCOUNT', check: text },
  account_key: { kinds: ['azure'], about: "the storage account's key, instead of $AZURE_STORAGE_KEY (pipe.config.local.yaml only: --local)", check: text, secret: true },
  sas_token: { kinds: ['azure'], about: 'a shared access signature, instead of $AZURE_STORAGE_SAS_TOKEN (pipe.config.local.yaml only: --local)', check: text, secret: true },
  connection_string: {
    kinds: ['azure'],
    about: 'the storage account\'s connection string (account, key or SAS, endpoint), instead of $AZURE_STORAGE_CONNECTION_STRING (pipe.config.local.yaml only: --local)',
    check: text,
    secret: true,
  },
  timeout_ms: {
    kinds: ['ssh', 'http'],
    about: 'how long a silent server is waited for, in ms, instead of $PIPE_SSH_TIMEOUT_MS / $PIPE_HTTP_TIMEOUT_MS',
    check: integer(1, 3_600_000),
  },
};

/** Option names that would put a secret in the committed file, and what to write instead. */
const SECRETS: Readonly<Record<string, string>> = {
  password: 'password_env',
  token: 'token_env',
  keyfile_passphrase: 'keyfile',
  access_key_id: 'profile',
  secret_access_key: 'profile',
};

export const KIND_WORDS: Readonly<Record<RemoteKind, string>> = { dir: 'a directory', s3: 'an s3://', http: 'an http(s)://', ssh: 'an ssh://', azure: 'an azure://', gs: 'a gs://' };

/** An option's value as `pipe remote` prints it: a secret's as `***`. */
export function shownOption(name: string, value: OptionValue): OptionValue {
  return REMOTE_OPTIONS[name]?.secret === true ? '***' : value;
}

/** The kind of remote a URL or path names (as openTransport picks its transport). */
export function remoteKind(url: string): RemoteKind {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 's3') return 's3';
  if (scheme === 'http' || scheme === 'https') return 'http';
  if (scheme === 'ssh') return 'ssh';
  if (scheme === 'azure') return 'azure';
  if (scheme === 'gs') return 'gs';
  return 'dir';
}

/** `url` and the options a remote of this kind takes. */
export function optionsFor(kind: RemoteKind): string[] {
  return ['url', ...Object.keys(REMOTE_OPTIONS).filter((o) => REMOTE_OPTIONS[o]?.kinds.includes(kind))];
}

/**
 * Option `name` set to `value` on remote `remote` (whose URL is `url`): the value to write, or a
 * failure saying why not and what to write instead (`hint`). Not for `url`. `file`: where it would
 * be written, for the words of a refused secret.
 */
export function checkOption(remote: string, url: string, name: string, value: string, file = 'pipe.config.yaml'): { ok: true; value: OptionValue } | { ok: false; message: string; hint: string } {
  const kind = remoteKind(url);
  const valid = optionsFor(kind);
  const spec = REMOTE_OPTIONS[name];
  const listed = `the options of ${KIND_WORDS[kind]} remote are ${valid.join(', ')}`;
  if (spec === undefined) {
    const instead = SECRETS[name];
    if (instead !== undefined && valid.includes(instead)) {
      return { ok: false, message: `remote '${remote}': pipe never writes a ${name.replace(/_/g, ' ')} to ${file} (${file === 'pipe.config.yaml' ? 'it is committed' : 'secrets stay in the environment'})`, hint: `set ${instead} instead (${REMOTE_OPTIONS[instead]?.about ?? ''})` };
    }
    // a did-you-mean only among this remote's options: one of another kind's would be refused next
    const near = closestName(name, valid);
    const other = near === undefined ? closestName(name, Object.keys(REMOTE_OPTIONS)) : undefined;
    const takers = other === undefined ? '' : (REMOTE_OPTIONS[other]?.kinds ?? []).map((k) => KIND_WORDS[k].replace(/^an? /, '')).join(' and ');
    const said = near !== undefined ? `: did you mean '${near}'?` : other !== undefined ? ` ('${other}' is an option of ${takers} remotes, and ${remote} is ${KIND_WORDS[kind]} remote)` : '';
    return { ok: false, message: `remote '${remote}': unknown option '${name}'${said}`, hint: listed };
  }
  if (!spec.kinds.includes(kind)) {
    const takers = spec.kinds.map((k) => KIND_WORDS[k].replace(/^an? /, '')).join(' and ');
    return { ok: false, message: `remote '${remote}': '${name}' is an option of ${takers} remotes, and ${remote} is ${KIND_WORDS[kind]} remote (${url})`, hint: listed };
  }
  if (spec.secret === true && file === 'pipe.config.yaml') {
    return { ok: false, message: `remote '${remote}': pipe never takes ${name} from ${file} (it is committed)`, hint: `\`pipe remote modify --local ${remote} ${name} <value>\` keeps it in pipe.config.local.yaml (git-ignored), or set ${name === 'connection_string' ? '$AZURE_STORAGE_CONNECTION_STRING' : name === 'sas_token' ? '$AZURE_STORAGE_SAS_TOKEN' : '$AZURE_STORAGE_KEY'} where pipe runs` };
  }
  const checked = spec.check(value);
  if (!checked.ok) return { ok: false, message: `remote '${remote}': ${name} '${spec.secret === true ? '***' : value}': ${checked.reason}`, hint: `${name}: ${spec.about}` };
  return checked;
}
