// `gs://bucket/prefix` remotes: what the URL means (bucket, prefix, how it is shown) and the errors
// for URLs no bucket can answer, named with where the URL was written. Nothing here talks to GCS
// or loads the SDK: a transport connects on first use.
import { describe, expect, it } from 'vitest';
import { GcsTransport, openTransport } from '../../src/remote/index.js';
import { tempDir } from './helpers.js';

const at = (url: string, source = 'pipe.config.yaml:1:9') => openTransport(tempDir(), { url, source });

describe('gs:// remote URLs', () => {
  it('take the bucket and the prefix, without the slashes around it', () => {
    for (const [url, bucket, prefix, description] of [
      ['gs://pipe-cache/team/project', 'pipe-cache', 'team/project', 'gs://pipe-cache/team/project'],
      ['gs://pipe-cache/team/project/', 'pipe-cache', 'team/project', 'gs://pipe-cache/team/project'],
      ['GS://pipe_cache.example.com', 'pipe_cache.example.com', '', 'gs://pipe_cache.example.com'],
      ['gs://pipe-cache/', 'pipe-cache', '', 'gs://pipe-cache'],
    ] as const) {
      const r = at(url);
      expect(r.ok && r.value instanceof GcsTransport).toBe(true);
      const t = (r.ok ? r.value : undefined) as GcsTransport;
      expect([t.location, t.description]).toEqual([{ bucket, prefix }, description]);
    }
  });

  it('refuse a URL without a usable bucket or with an odd prefix, naming where it was written', () => {
    expect(at('gs://', '--remote')).toEqual({
      ok: false,
      failure: { code: 'remote-config', message: '--remote: invalid gs:// URL gs://: it names no bucket (write gs://<bucket> or gs://<bucket>/<prefix>)' },
    });
    expect(at('gs:///prefix')).toMatchObject({ ok: false, failure: { message: 'pipe.config.yaml:1:9: invalid gs:// URL gs:///prefix: it names no bucket (write gs://<bucket> or gs://<bucket>/<prefix>)' } });
    expect(at('gs://My-Bucket/x', 'PIPE_REMOTE')).toEqual({
      ok: false,
      failure: { code: 'remote-config', message: 'PIPE_REMOTE: invalid gs:// URL gs://My-Bucket/x: `My-Bucket` is not a valid bucket name (lowercase letters, digits, -, _ and .)' },
    });
    expect(at('gs://ab-')).toMatchObject({ ok: false, failure: { message: 'pipe.config.yaml:1:9: invalid gs:// URL gs://ab-: `ab-` is not a valid bucket name (lowercase letters, digits, -, _ and .)' } });
    expect(at('gs://pipe-cache/a//b')).toMatchObject({ ok: false, failure: { message: 'pipe.config.yaml:1:9: invalid gs:// URL gs://pipe-cache/a//b: the prefix `a//b` has an empty, `.` or `..` part' } });
    expect(at('gs:/pipe-cache')).toMatchObject({ ok: false, failure: { message: "pipe.config.yaml:1:9: remote 'gs:/pipe-cache' looks like a URL with a slash missing: did you mean 'gs://pipe-cache'? (a folder whose name ends in ':' is written './gs:/pipe-cache')" } });
  });
});
