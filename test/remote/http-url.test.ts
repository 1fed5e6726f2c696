// `http(s)://host[:port]/prefix` remotes: what the URL means (where objects go, how it is shown,
// which credentials are sent) and the errors for URLs that cannot be used, named with where the
// URL was written. Nothing here talks to a server: a transport sends its first request in open().
import { describe, expect, it } from 'vitest';
import { HttpTransport, openTransport } from '../../src/remote/index.js';
import { tempDir } from './helpers.js';

const at = (url: string, source = 'pipe.config.yaml:1:9', env: NodeJS.ProcessEnv = {}) => openTransport(tempDir(), { url, source }, env);
const http = (url: string, source?: string, env?: NodeJS.ProcessEnv): HttpTransport => {
  const r = at(url, source, env);
  if (!r.ok || !(r.value instanceof HttpTransport)) throw new Error(`not an http transport: ${JSON.stringify(r)}`);
  return r.value;
};

describe('http(s):// remote URLs', () => {
  it('take the origin and the path, without the slashes after it; the scheme and host in lower case', () => {
    for (const [url, description] of [
      ['http://127.0.0.1:8080/team/project', 'http://127.0.0.1:8080/team/project'],
      ['https://cache.example.com/team/project/', 'https://cache.example.com/team/project'],
      ['HTTPS://Cache.Example.com', 'https://cache.example.com'],
      ['https://cache.example.com:443/', 'https://cache.example.com'],
    ] as const) {
      expect(http(url).description).toBe(description);
    }
  });

  it('send basic auth from the URL given with --remote or $PIPE_REMOTE, else from the variables, or a bearer token', () => {
    expect(http('https://ann:p%40ss@host/p', '--remote').auth).toEqual({ kind: 'basic', user: 'ann', password: 'p@ss', from: 'url' });
    expect(http('https://ann:pw@host/p', 'PIPE_REMOTE').description).toBe('https://host/p');
    expect(http('https://host/p', undefined, { PIPE_HTTP_USER: 'ann', PIPE_HTTP_PASSWORD: 'pw' }).auth).toEqual({ kind: 'basic', user: 'ann', password: 'pw', from: 'env' });
    expect(http('https://host/p', undefined, { PIPE_HTTP_TOKEN: 't0k' }).auth).toEqual({ kind: 'bearer', token: 't0k' });
    expect(http('https://host/p', undefined, { PIPE_HTTP_USER: '', PIPE_HTTP_TOKEN: '' }).auth).toEqual({ kind: 'none' });
  });

  it('refuse a query, a fragment, credentials in pipe.config.yaml; other schemes stay unsupported', () => {
    expect(at('https://host/p?sig=abc', '--remote')).toEqual({
      ok: false,
      failure: { code: 'remote-config', message: '--remote: invalid remote URL https://host/p?sig=abc: a remote URL cannot have a query (?...) or fragment (#...): objects are fetched at <URL>/objects/...' },
    });
    expect(at('https://host/p#x')).toMatchObject({ ok: false, failure: { message: 'pipe.config.yaml:1:9: invalid remote URL https://host/p#x: a remote URL cannot have a query (?...) or fragment (#...): objects are fetched at <URL>/objects/...' } });
    expect(at('http://[::1/p')).toMatchObject({ ok: false, failure: { message: 'pipe.config.yaml:1:9: invalid remote URL http://[::1/p: it is not a valid URL' } });
    const secret = at('https://ann:hunter2@host/p');
    expect(secret).toMatchObject({ ok: false, failure: { code: 'remote-config', message: 'pipe.config.yaml:1:9: the remote URL carries a user and password (https://host/p with `user:password@` before the host), and pipe.config.yaml is committed' } });
    expect(JSON.stringify(secret)).not.toContain('hunter2');
    expect(at('ftp://host/p')).toEqual({ ok: false, failure: { code: 'remote-config', message: 'pipe.config.yaml:1:9: remote scheme `ftp://` is not supported (use a directory path, file://, s3://, gs://, azure://, http(s):// or ssh:// URL)' } });
  });
});
