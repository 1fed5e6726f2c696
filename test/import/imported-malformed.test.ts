// A malformed imported .pipe file stops commands as any malformed .pipe file does, at its line and
// column, with the fix pointing at `pipe import-url`; a source URL carrying credentials is
// malformed (they would be committed); a schema newer than this pipe's is refused for its schema.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { sha256 } from '../add/helpers.js';

const hint = '(fix raw.csv.pipe, or delete it and run `pipe import-url --force` on its source again)';
const entry = `outs:\n  - path: raw.csv\n    hash: ${sha256('x')}\n    size: 1\n    nfiles: 1\n`;

test('bad source fields and an unknown schema, each at its line', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'raw.csv': 'x' });
  const cases: [string, string][] = [
    [`schema: '2'\nsource:\n  url: https://me:secret@host/raw.csv\n${entry}`, `error: raw.csv.pipe:3:8: source.url must not carry user:password@ (credentials come from $PIPE_HTTP_USER / $PIPE_HTTP_PASSWORD or $PIPE_HTTP_TOKEN) ${hint}\n    url: https://me:secret@host/raw.csv\n         ^\n`],
    [`schema: '2'\nsource:\n  url: https://host/raw.csv\n  size: -1\n${entry}`, `error: raw.csv.pipe:4:9: source.size must be a non-negative integer ${hint}\n    size: -1\n          ^\n`],
    [`schema: '2'\nsource:\n  url: https://host/raw.csv\n  md5: abc\n${entry}`, `error: raw.csv.pipe:4:3: source: unknown key \`md5\` (it has url, etag, last_modified, size) (a newer pipe may have written raw.csv.pipe: upgrade pipe to read it; otherwise ${hint.slice(1)}\n    md5: abc\n    ^\n`],
    [`schema: '2'\n${entry}`, `error: raw.csv.pipe:1:1: a schema '2' tracking file needs \`source\` (the URL it was imported from) (fix raw.csv.pipe, or delete it and run \`pipe add\` on its data again)\n  schema: '2'\n  ^\n`],
    [`schema: '7'\nsource:\n  url: https://host/raw.csv\n  sha3: abc\n${entry}`, `error: raw.csv.pipe:1:9: unsupported schema "7" (this pipe reads schemas '1' and '2'): a newer pipe wrote it; upgrade pipe to read it ${hint}\n  schema: '7'\n          ^\n`],
  ];
  for (const [text, stderr] of cases) {
    rig.write({ 'raw.csv.pipe': text });
    for (const args of [['status'], ['update', 'raw.csv']]) {
      const r = await rig.run(...args);
      expect([args, r.code, r.stdout, r.stderr]).toEqual([args, 2, '', stderr]);
    }
  }
});
