// `s3://bucket/prefix` remotes: what the URL means (bucket, key prefix, how it is shown) and the
// errors for URLs no bucket can answer, named with where the URL was written. Nothing here talks
// to S3 or loads the SDK: a transport connects on first use.
import { describe, expect, it } from 'vitest';
import { openTransport, S3Transport } from '../../src/remote/index.js';
import { tempDir } from './helpers.js';

const at = (url: string, source = 'pipe.config.yaml:1:9') => openTransport(tempDir(), { url, source });

describe('s3:// remote URLs', () => {
  it('take the bucket and the key prefix, without the slashes around it', () => {
    for (const [url, bucket, prefix, description] of [
      ['s3://pipe-cache/team/project', 'pipe-cache', 'team/project', 's3://pipe-cache/team/project'],
      ['s3://pipe-cache/team/project/', 'pipe-cache', 'team/project', 's3://pipe-cache/team/project'],
      ['S3://pipe-cache', 'pipe-cache', '', 's3://pipe-cache'],
      ['s3://pipe-cache/', 'pipe-cache', '', 's3://pipe-cache'],
    ] as const) {
      const r = at(url);
      expect(r.ok && r.value instanceof S3Transport).toBe(true);
      const t = (r.ok ? r.value : undefined) as S3Transport;
      expect([t.location, t.description]).toEqual([{ bucket, prefix }, description]);
    }
  });

  it('refuse a URL without a usable bucket or with an odd prefix, naming where it was written', () => {
    expect(at('s3://', '--remote')).toEqual({
      ok: false,
      failure: { code: 'remote-config', message: '--remote: invalid s3:// URL s3://: it names no bucket (write s3://<bucket> or s3://<bucket>/<prefix>)' },
    });
    expect(at('s3:///prefix')).toMatchObject({ ok: false, failure: { message: 'pipe.config.yaml:1:9: invalid s3:// URL s3:///prefix: it names no bucket (write s3://<bucket> or s3://<bucket>/<prefix>)' } });
    expect(at('s3://my bucket/x', 'PIPE_REMOTE')).toEqual({
      ok: false,
      failure: { code: 'remote-config', message: 'PIPE_REMOTE: invalid s3:// URL s3://my bucket/x: `my bucket` is not a valid bucket name' },
    });
    expect(at('s3://ab')).toMatchObject({ ok: false, failure: { message: 'pipe.config.yaml:1:9: invalid s3:// URL s3://ab: `ab` is not a valid bucket name' } });
    expect(at('s3://pipe-cache/a//b')).toMatchObject({ ok: false, failure: { message: 'pipe.config.yaml:1:9: invalid s3:// URL s3://pipe-cache/a//b: the key prefix `a//b` has an empty, `.` or `..` part' } });
    expect(at('s3://pipe-cache/a/../b')).toMatchObject({ ok: false, failure: { message: 'pipe.config.yaml:1:9: invalid s3:// URL s3://pipe-cache/a/../b: the key prefix `a/../b` has an empty, `.` or `..` part' } });
  });
});
