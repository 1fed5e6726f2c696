import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DirTransport, openTransport, resolveRemoteSpec } from '../../src/remote/index.js';
import { tempDir, write } from './helpers.js';

function project(config?: string): string {
  const root = tempDir();
  if (config !== undefined) write(root, 'pipe.config.yaml', config);
  return root;
}

describe('remote configuration (pipe.config.yaml, --remote, PIPE_REMOTE)', () => {
  it('resolves a relative directory from the project root, and a file:// URL as is', () => {
    const root = project('remote: ../store\n');
    const spec = resolveRemoteSpec(root, undefined, {});
    expect(spec).toEqual({ ok: true, value: { url: '../store', source: 'pipe.config.yaml:1:9' } });
    const t = spec.ok ? openTransport(root, spec.value) : undefined;
    expect(t?.ok && t.value instanceof DirTransport && t.value.root).toBe(path.resolve(root, '../store'));
    const url = openTransport(root, { url: 'file:///srv/pipe%20remote', source: '--remote' });
    expect(url.ok && (url.value as DirTransport).root).toBe('/srv/pipe remote');
  });

  it('lets --remote override PIPE_REMOTE, which overrides the config file', () => {
    const root = project('remote: from-file\n');
    expect(resolveRemoteSpec(root, '../from-flag', { PIPE_REMOTE: '../from-env' })).toEqual({ ok: true, value: { url: '../from-flag', source: '--remote' } });
    expect(resolveRemoteSpec(root, undefined, { PIPE_REMOTE: '../from-env' })).toEqual({ ok: true, value: { url: '../from-env', source: 'PIPE_REMOTE' } });
  });

  it('names the file, line and column of a bad value, and what to write', () => {
    const hint = 'add a line `remote: <directory, file://, s3://, gs://, azure://, http(s):// or ssh:// URL>` to pipe.config.yaml at the project root, or set $PIPE_REMOTE or pass --remote';
    expect(resolveRemoteSpec(project('# remote\nremote:\n  url: x\n'), undefined, {})).toEqual({
      ok: false,
      failure: { code: 'remote-config', message: 'pipe.config.yaml:3:3: `remote` must be a directory path, file://, s3://, gs://, azure://, http(s):// or ssh:// URL', hint, location: { file: 'pipe.config.yaml', line: 3, col: 3 } },
    });
    expect(resolveRemoteSpec(project('other: 1\n'), undefined, {})).toMatchObject({ ok: false, failure: { message: 'pipe.config.yaml: no `remote` key', hint } });
    expect(resolveRemoteSpec(project('remote: [\n'), undefined, {})).toMatchObject({ ok: false, failure: { code: 'remote-config', location: { file: 'pipe.config.yaml', line: 2 } } });
  });

  it('refuses schemes it cannot handle, saying which', () => {
    const r = openTransport(project(), { url: 'ftp://host/prefix', source: 'pipe.config.yaml:1:9' });
    expect(r).toEqual({ ok: false, failure: { code: 'remote-config', message: 'pipe.config.yaml:1:9: remote scheme `ftp://` is not supported (use a directory path, file://, s3://, gs://, azure://, http(s):// or ssh:// URL)' } });
  });

  it('refuses a URL with a slash missing (a push would fill a folder named `s3:`), takes file:/x as a file URL', () => {
    const root = project();
    const r = openTransport(root, { url: 's3:/bucket/prefix', source: 'pipe.config.yaml:1:9' });
    expect(r).toEqual({ ok: false, failure: { code: 'remote-config', message: "pipe.config.yaml:1:9: remote 's3:/bucket/prefix' looks like a URL with a slash missing: did you mean 's3://bucket/prefix'? (a folder whose name ends in ':' is written './s3:/bucket/prefix')" } });
    const file = openTransport(root, { url: 'file:/srv/pipe-remote', source: '--remote' });
    expect(file.ok && file.value instanceof DirTransport ? file.value.root : undefined).toBe('/srv/pipe-remote');
    const dot = openTransport(root, { url: './s3:x', source: '--remote' });
    expect(dot.ok && dot.value instanceof DirTransport ? dot.value.root : undefined).toBe(`${root}/s3:x`);
  });
});
