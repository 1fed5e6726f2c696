// The AWS SDK is loaded only when an s3:// remote is used: `pipe status`, `pipe repro` (cold and
// warm), `pipe doctor`, and push/pull/repro --pull with a directory remote never import it. Checked on the real
// CLI with a module resolve hook that logs every `@aws-sdk/*` import; a push to an s3:// remote
// shows the hook does see it. In the source, s3-adapter.ts is the one module that imports it.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig, REPO } from '../rig.js';
import { importLogger, rigRemote, tempDir } from './helpers.js';
import { closedPort, isolatedAwsEnv } from './s3-server.js';

test('status, repro, doctor and directory-remote transfers never load the AWS SDK; an s3:// push does', async () => {
  const log = path.join(tempDir(), 'sdk-imports.txt');
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n' });
  rigRemote(rig);
  const env = { NODE_OPTIONS: importLogger(log, ['@aws-sdk']), PIPE_REMOTE: '' };
  // doctor's bundle is built whole, adapters inlined: the SDK is loaded inside openBucket
  for (const args of [['status'], ['repro'], ['repro'], ['status'], ['push'], ['pull'], ['repro', '--pull'], ['doctor']]) {
    expect((await rig.runWith({ env }, ...args)).code).toBe(0);
  }
  expect(fs.existsSync(log)).toBe(false);

  const dead = `http://127.0.0.1:${await closedPort()}`;
  const s3 = await rig.runWith({ env: { ...isolatedAwsEnv(dead), ...env } }, 'push', '-r', 's3://pipe-cache');
  expect(s3.code).toBe(2);
  expect(fs.readFileSync(log, 'utf8')).toContain('@aws-sdk/client-s3\n');
});

test('s3-adapter.ts is the only source module that imports the SDK', () => {
  const importers: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ts$/.test(e.name) && /from '@aws-sdk\/|import\('@aws-sdk\//.test(fs.readFileSync(p, 'utf8'))) importers.push(path.relative(REPO, p));
    }
  };
  walk(path.join(REPO, 'src'));
  expect(importers).toEqual(['src/remote/s3-adapter.ts']);
});
